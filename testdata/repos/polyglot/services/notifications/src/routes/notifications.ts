import { Router } from 'express';
import { z } from 'zod';

import { outbox } from '../outbox';

const SendBody = z.object({
  template: z.string().min(1),
  recipient: z.string().email(),
  params: z.record(z.string()).default({}),
});

export const notifications = Router();

notifications.post('/', async (req, res) => {
  const parsed = SendBody.safeParse(req.body);
  if (!parsed.success) {
    res.status(400).json(parsed.error.flatten());
    return;
  }
  const id = await outbox.enqueue(parsed.data);
  res.status(202).json({ id });
});

notifications.get('/:id', async (req, res) => {
  const message = await outbox.find(req.params.id);
  if (!message) {
    res.sendStatus(404);
    return;
  }
  res.json(message);
});
