import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrivateAddressError, type Resolver } from '../../councils/url-safety';
import { OutboundHttp, OutboundNetworkError } from './outbound-http';

/** A real peer on loopback that records what reached it. */
async function peer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.headers.host} ${req.url}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

describe('OutboundHttp against real loopback peers', () => {
  const servers: Server[] = [];
  const clients: OutboundHttp[] = [];
  const resolver: Resolver = (host) => Promise.resolve(host.endsWith('.example') ? ['127.0.0.1'] : []);
  const client = (allowPrivate: boolean, extra: Partial<ConstructorParameters<typeof OutboundHttp>[0]> = {}) => {
    const c = new OutboundHttp({ allowPrivate, resolver, timeoutMs: 500, ...extra });
    clients.push(c);
    return c;
  };
  const start = async (handler: (req: IncomingMessage, res: ServerResponse) => void) => {
    const p = await peer(handler);
    servers.push(p.server);
    return p;
  };
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
  });

  it('refuses a name that resolves to loopback and never connects', async () => {
    const p = await start((_q, r) => r.end('{}'));
    await expect(client(false).post(`http://hook.example:${p.port}/`, '{}', {})).rejects.toBeInstanceOf(PrivateAddressError);
    expect(p.hits).toEqual([]);
  });

  it('refuses a literal loopback address and never connects', async () => {
    const p = await start((_q, r) => r.end('{}'));
    await expect(client(false).post(`http://127.0.0.1:${p.port}/`, '{}', {})).rejects.toBeInstanceOf(PrivateAddressError);
    await expect(client(false).post(`http://[::ffff:127.0.0.1]:${p.port}/`, '{}', {})).rejects.toBeInstanceOf(PrivateAddressError);
    expect(p.hits).toEqual([]);
  });

  it('connects to the address its own resolver checked (the name exists nowhere else)', async () => {
    const p = await start((_q, r) => r.end('{"errcode":0}'));
    const answer = await client(true).post(`http://pinned.example:${p.port}/robot`, '{}', {});
    expect(answer).toMatchObject({ status: 200, json: { errcode: 0 } });
    expect(p.hits).toEqual([`POST pinned.example:${p.port} /robot`]);
  });

  it('does not follow a redirect to another (private) address', async () => {
    const target = await start((_q, r) => r.end('{}'));
    const redirector = await start((_q, r) => {
      r.writeHead(302, { location: `http://127.0.0.1:${target.port}/latest/meta-data` });
      r.end();
    });
    const answer = await client(true).post(`http://127.0.0.1:${redirector.port}/`, '{}', {});
    expect(answer.status).toBe(302);
    expect(redirector.hits).toHaveLength(1);
    expect(target.hits).toEqual([]);
  });

  it('gives up on a peer that does not answer in time', async () => {
    const p = await start(() => undefined);
    const began = Date.now();
    await expect(client(true, { timeoutMs: 200 }).post(`http://127.0.0.1:${p.port}/`, '{}', {})).rejects.toBeInstanceOf(
      OutboundNetworkError,
    );
    expect(Date.now() - began).toBeLessThan(3000);
  });

  it('cuts off an answer larger than the bound', async () => {
    const p = await start((_q, r) => r.end('x'.repeat(200_000)));
    await expect(client(true, { maxResponseBytes: 1024 }).post(`http://127.0.0.1:${p.port}/`, '{}', {})).rejects.toBeInstanceOf(
      OutboundNetworkError,
    );
  });

  it('reads an HTML error page as text with no JSON', async () => {
    const p = await start((_q, r) => {
      r.writeHead(502, { 'content-type': 'text/html' });
      r.end('<html><body>Bad Gateway</body></html>');
    });
    const answer = await client(true).post(`http://127.0.0.1:${p.port}/`, '{}', {});
    expect(answer).toMatchObject({ status: 502, json: null });
    expect(answer.text).toContain('Bad Gateway');
  });

  it('reports a connection reset as a network error', async () => {
    const p = await start((req) => req.socket.destroy());
    await expect(client(true).post(`http://127.0.0.1:${p.port}/`, '{}', {})).rejects.toBeInstanceOf(OutboundNetworkError);
  });
});
