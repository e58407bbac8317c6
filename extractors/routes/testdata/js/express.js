'use strict';
const express = require('express');
const users = require('./users');

const app = express();
const router = express.Router();
const api = axios.create({ baseURL: '/api' });

// app.get('/in-a-comment', handler)
/* router.post('/in-a-block-comment', handler) */
const doc = "app.get('/in-a-string', handler)";
const tpl = `app.put('/in-a-template', ${ helper('}') }, handler)`;
const re = /app\.get\('\/in-a-regexp'/;

app.use(express.json());
app.get('/', (req, res) => res.send('hello'));
app.post('/login', auth.login);
router.get('/:id', loadUser, users.show);
router
  .route('/:id/avatar')
  .get(avatars.show)
  .put(requireAuth, avatars.update);
router.delete(`/:id`, users.remove);
app.use('/users', router);
app.use('/admin', requireAdmin, adminRoutes);
app.all('/health', health);
app.get(dynamicPath, handler);
app.get('env');
api.get('/users', { params: { page: 2 } });
map.get('/not-a-router', value);
cache.get('/x', fallback);

app.listen(3000);
