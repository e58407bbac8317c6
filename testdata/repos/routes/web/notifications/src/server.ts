import Fastify from 'fastify';

import { sendEmail, listTemplates, charge, recordBounce, unsubscribe } from './handlers';
import type { Charge } from './types';

const server = Fastify({ logger: true });

server.get('/templates', listTemplates);
server.post<{ Body: Charge; Reply: { id: string } }>('/charge', charge);
server.route({
  method: 'POST',
  url: '/emails',
  schema: { body: emailSchema },
  handler: sendEmail,
});

// Webhooks from the mail provider, versioned apart from the rest.
server.register(async (hooks) => {
  hooks.post('/bounces', recordBounce);
  hooks.delete('/subscriptions/:id', unsubscribe);
}, { prefix: '/webhooks/v1' });

server.listen({ port: 3001 });
