// Baseline: bare node:http answering a constant JSON body. Started by bench/http-baselines.ts.
import { createServer } from 'node:http';

const body = JSON.stringify({ hello: 'world' });
const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) };

const server = createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close(() => process.exit(0)));
