import type { FastifyInstance } from 'fastify';

/**
 * Every answer under the API prefix, errors included, says `Cache-Control: no-store`: answers carry
 * personal data and tokens, and neither a shared proxy nor the browser's cache should keep them after
 * a logout on a shared office computer. A route that set its own header keeps it.
 */
export function noStoreForApi(fastify: FastifyInstance, prefix = '/api/'): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith(prefix) && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
