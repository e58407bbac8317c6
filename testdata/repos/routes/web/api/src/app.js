'use strict';

const express = require('express');
const helmet = require('helmet');
const users = require('./routes/users');

const app = express();
app.use(helmet());
app.use(express.json());

// Health checks for the load balancer.
app.get('/health', (req, res) => res.send('ok'));

app.use('/users', users);

const orders = express.Router();
orders.get('/', listOrders);
orders.post('/:id/refund', requireRole('support'), refundOrder);
app.use('/orders', orders);

// Served below the path the ingress gives this service.
app.get(`${process.env.BASE_PATH}/version`, (req, res) => res.json(version));

app.listen(process.env.PORT || 3000);
