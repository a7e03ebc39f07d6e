/* eslint-disable @typescript-eslint/no-explicit-any */
// Small findings (issue 10, point 8): a council member without the right gets 403 for channels, not
// 404; a raw UTF-8 query string (as curl sends `?q=老年`, unencoded bytes) works.
import { connect } from 'node:net';
import { startTestApp, type TestApp } from '../support/app';
import { buildWorld, ok, type World } from '../support/world';

/** Sends a request line with the bytes as given (fetch and http.request would percent-encode them). */
function rawGet(baseUrl: string, pathAndQuery: Buffer, token: string): Promise<{ status: number; body: any }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        Buffer.concat([
          Buffer.from('GET '),
          pathAndQuery,
          Buffer.from(` HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`),
        ]),
      );
    });
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      const bodyText = text.slice(text.indexOf('\r\n\r\n') + 4);
      // Chunked or not, the JSON object is the part between the first { and the last }.
      const json = bodyText.slice(bodyText.indexOf('{'), bodyText.lastIndexOf('}') + 1);
      resolve({ status, body: json ? JSON.parse(json) : null });
    });
  });
}

describe('security: small findings', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('a council member without the right gets 403 for channels; someone outside the council 404', async () => {
    const channel = {
      type: 'webhook',
      url: 'https://hooks.example.com/duban',
      name: '督办通知',
      secret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0',
    };
    for (const member of [w.as.owner, w.as.secretary, w.as.supervisor]) {
      const res = await member.post(`/councils/${w.councilId}/channels`, channel);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('COUNCIL_ADMIN_OR_CHAIR');
    }
    expect((await w.as.outsider.post(`/councils/${w.councilId}/channels`, channel)).status).toBe(404);
    expect((await w.as.chair.post(`/councils/${w.councilId}/channels`, channel)).status).toBe(201);
  });

  // Node's HTTP parser takes only ASCII in a request line (its lenient mode would allow request
  // smuggling), so raw bytes get a 400 that names the parameter and shows the encoding.
  it('a raw UTF-8 query string gets a 400 naming the parameter; its percent-encoded form works', async () => {
    const title = '老年食堂建设';
    await ok(w.as.secretary.post(`/meetings/${w.meetingId}/resolutions`, { title }));
    const encoded = await ok(w.as.secretary.get(`/resolutions?councilId=${w.councilId}&q=${encodeURIComponent('老年')}`), 200);
    expect(encoded.items.map((r: any) => r.title)).toContain(title);
    const raw = await rawGet(t.baseUrl, Buffer.from(`/api/v1/resolutions?councilId=${w.councilId}&q=老年`, 'utf8'), w.as.secretary.token!);
    expect(raw.status).toBe(400);
    expect(raw.body).toMatchObject({
      statusCode: 400,
      code: 'REQUEST_LINE_NOT_ENCODED',
      details: [{ field: 'q', rule: 'percentEncoded' }],
    });
    expect(raw.body.message).toContain('%E8%80%81%E5%B9%B4');
  });

  it('raw bytes in a parameter name or the path are named too, and the server keeps answering', async () => {
    const token = w.as.secretary.token!;
    const name = await rawGet(t.baseUrl, Buffer.from(`/api/v1/resolutions?关键词=x`, 'utf8'), token);
    expect(name.body.details[0].field).toBe('关键词');
    const path = await rawGet(t.baseUrl, Buffer.concat([Buffer.from('/api/v1/resolutions/'), Buffer.from([0xff, 0xfe])]), token);
    expect(path.status).toBe(400);
    expect(path.body.details[0].field).toBe('path');
    expect((await w.as.secretary.get('/auth/me')).status).toBe(200);
  });
});
