/**
 * The API as `src/main.ts` serves it, without the Swagger UI's static assets: `@fastify/static` is not
 * a declared dependency (main.ts fails to start without it, a separate issue), and the UI plays no
 * part in what the benchmarks measure. Same config, same app, own process.
 */
import 'reflect-metadata';
import { loadConfig } from '../../src/config/env';
import { createHttpApp } from '../../src/http-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createHttpApp(config, { docsUi: false });
  await app.listen(config.port, '127.0.0.1');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
