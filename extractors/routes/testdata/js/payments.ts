import Fastify, { FastifyInstance } from 'fastify';

import { charge, refund, listCharges, health } from './handlers';
import type { Charge, ChargeId } from './types';

const fastify = Fastify({ logger: true });
const base = process.env.BASE_PATH ?? '';

fastify.get(`${base}/healthz`, health);

fastify.register(async (instance: FastifyInstance) => {
  instance.post<{ Body: Charge; Reply: { id: string } }>('/charge', charge);
  instance.get<{ Querystring: { limit?: number } }>('/charges', listCharges);
  instance.register(async (admin) => {
    admin.post<{ Params: ChargeId }>('/charges/:id/refund', refund);
  }, { prefix: '/admin' });
}, { prefix: '/v1' });

fastify.listen({ port: 3000 });
