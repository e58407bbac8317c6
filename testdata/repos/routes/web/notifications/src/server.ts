import Fastify from 'fastify';

import { sendEmail, listTemplates, charge } from './handlers';
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

server.listen({ port: 3001 });
