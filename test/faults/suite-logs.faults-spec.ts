// The logs of the whole suite hold no secret (issue 10: "no secret or hash in the captured logs of the
// whole suite"). Under `npm test`, scripts/test.mjs gives every phase one DUBAN_TEST_LOG_DIR, and each
// in-process app of the unit, integration and e2e phase writes its log there at debug level
// (test/support/app.ts); this file runs in the next phase, when those files are complete, and reads
// every line. Run alone (no earlier phase, no logs) it has nothing to read and says so by skipping.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/env';

const dir = process.env.DUBAN_TEST_LOG_DIR;
const files = dir ? readdirSync(dir, { withFileTypes: true }).filter((f) => f.isFile() && f.name.endsWith('.log')) : [];
const suite = files.length ? describe : describe.skip;

suite('the logs of the whole test suite (written by the earlier phase of npm test)', () => {
  const lines = files.flatMap((f) => readFileSync(join(dir!, f.name), 'utf8').split('\n').filter(Boolean));
  const config = loadConfig(process.env);
  // Every secret the suite uses: the service's own, the people's passwords, the robots' and webhooks' signing secrets.
  const secrets = [
    config.jwtSecret,
    config.auditKey,
    process.env.ADMIN_PASSWORD!,
    'password-123',
    'SECding-secret-for-tests',
    'whsec_dGhlIHdlYmhvb2sgc2VjcmV0IG9mIHRoZSB0ZXN0cw==',
  ];

  it('were written: requests, at debug level, from many apps', () => {
    expect(lines.length).toBeGreaterThan(1000);
    expect(lines.filter((l) => l.includes('"request completed"')).length).toBeGreaterThan(1000);
    expect(lines.some((l) => l.includes('"level":"debug"'))).toBe(true);
  });

  it('hold no password hash, no access token and no secret', () => {
    const found = (needle: string | RegExp) =>
      lines.filter((l) => (typeof needle === 'string' ? l.includes(needle) : needle.test(l))).map((l) => l.slice(0, 300));
    expect(found('$argon2')).toEqual([]);
    // A JSON Web Token: three base64url parts, the first of which opens with {"alg" or {"typ".
    expect(found(/eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/)).toEqual([]);
    for (const secret of secrets) expect({ secret, lines: found(secret) }).toEqual({ secret, lines: [] });
  });
});
