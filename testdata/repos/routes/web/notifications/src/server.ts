import Fastify from 'fastify';

import { sendEmail, listTemplates } from './handlers';

const server = Fastify({ logger: true });

server.get('/templates', listTemplates);
server.route({
  method: 'POST',
  url: '/emails',
  schema: { body: emailSchema },
  handler: sendEmail,
});

server.listen({ port: 3001 });
