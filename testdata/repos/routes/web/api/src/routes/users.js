const { Router } = require('express');
const controller = require('../controllers/users');

const router = Router();

router.get('/', controller.list);
router
  .route('/:id')
  .get(controller.show)
  .delete(controller.remove);

module.exports = router;
