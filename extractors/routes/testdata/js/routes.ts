import { Router, Request, Response } from 'express';
import api from './client';

export const router = Router();

router.get('/items', async (req: Request, res: Response) => {
  res.json(await api.get('/upstream/items', { params: req.query }));
});
router.post('/items', validate(itemSchema), createItem);

export default router;
