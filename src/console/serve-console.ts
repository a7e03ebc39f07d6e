import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Paths that belong to the service, never to the console: a miss there stays the JSON 404. */
const SERVICE_PREFIXES = ['/api', '/docs', '/health'];
const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * The built console (web/dist) of the repository this file runs from: the first folder upwards
 * holding a package.json (the root from src/console in tests, from dist/src/console when built).
 */
export function defaultConsoleDir(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'web', 'dist');
}

/**
 * Serves the web console at `/`: its files as they are (hashed assets cached for a year, immutable),
 * and index.html for every other GET that asks for a page outside /api, /docs and /health, so the
 * console's own router (history mode) handles deep links such as /resolutions/<id> from a message.
 * Anything else, a miss under /api above all, goes on to the usual JSON 404.
 *
 * Nothing is registered when the console has not been built (API-only tests, a bare `nest build`):
 * the service starts all the same.
 */
export async function serveConsole(fastify: FastifyInstance, root: string): Promise<boolean> {
  if (!existsSync(join(root, 'index.html'))) return false;
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    // One route per file found at start (the build is fixed), so no catch-all competes with the API.
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (res, path) => {
      const hashed = path.startsWith(join(root, 'assets') + '/');
      void res.header('cache-control', hashed ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache');
    },
  });
  const page = (request: FastifyRequest, reply: FastifyReply) => {
    if (!wantsConsolePage(request.url, request.headers.accept)) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root, { cacheControl: false });
  };
  fastify.get('/', page);
  fastify.get('/*', page);
  return true;
}

/** A console page: not a service path, and a client that takes HTML (a browser navigating). */
export function wantsConsolePage(url: string, accept: string | undefined): boolean {
  const path = url.split('?')[0];
  if (SERVICE_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}-`))) return false;
  return (accept ?? '').includes('text/html');
}
