import Fastify, { FastifyInstance } from 'fastify';

const server: FastifyInstance = Fastify({ logger: true });

server.get('/ping', { schema: pingSchema }, async () => 'pong');
server.route({ method: 'DELETE', url: '/cache', handler: clearCache });
server.register(routes, { prefix: '/v1' });
