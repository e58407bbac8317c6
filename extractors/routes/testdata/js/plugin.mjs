export default async function routes(fastify, options) {
  fastify.get('/animals', async (request, reply) => {
    return { hello: 'world' };
  });
  fastify.route({
    method: ['POST', 'PUT'],
    url: '/animals/:id',
    schema: { body: animalSchema },
    handler: saveAnimal,
  });
}
