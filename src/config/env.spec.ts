import { ConfigError, loadConfig } from './env';

const strongKey = 'q7Vd2kR9xLm4Tz8pWn3bYc6Hs1Jf5Ga0';
const strongOther = 'Zr8Nw2Xc5Vb7Mq1Lk4Jh9Gf3Ds6Ap0Ty';
const production = { NODE_ENV: 'production', JWT_SECRET: strongKey, ADMIN_PASSWORD: 'Wq8-rT3v!mZ2k', AUDIT_KEY: strongOther };

function failure(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('the configuration was accepted');
}

describe('secrets outside development', () => {
  it('accepts strong values', () => {
    expect(loadConfig(production).auditKey).toBe(strongOther);
  });

  it.each([
    ['JWT_SECRET', 'change-me-to-a-long-random-secret'],
    ['JWT_SECRET', 'duban-development-secret-change-me'],
    ['JWT_SECRET', 'short-but-random-K9'],
    ['JWT_SECRET', 'abababababababababababababababababab'],
    ['AUDIT_KEY', 'replace-this-with-your-own-audit-key-please'],
    ['AUDIT_KEY', 'x'.repeat(40)],
    ['ADMIN_PASSWORD', 'change-me-please'],
    ['ADMIN_PASSWORD', 'admin12345'],
    ['ADMIN_PASSWORD', 'aaaaaaaaaaaaaaaa'],
  ])('refuses %s=%s with one line naming the variable', (name, value) => {
    const message = failure({ ...production, [name]: value });
    const lines = message.split('\n').filter((l) => l.startsWith('  - '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^  - ${name}: is (too weak|a placeholder)`));
  });

  it.each(['JWT_SECRET', 'ADMIN_PASSWORD', 'AUDIT_KEY'])('requires %s', (name) => {
    const env: Record<string, string> = { ...production };
    delete env[name];
    expect(failure(env)).toContain(`  - ${name}: is required outside development`);
  });

  it('development starts with the built-in fallbacks', () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    expect(config.jwtSecret.length).toBeGreaterThan(16);
    expect(config.auditKey.length).toBeGreaterThan(16);
  });
});

describe('HOST', () => {
  it('is 127.0.0.1 in development, 0.0.0.0 in production, unless HOST says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'development', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig(production).host).toBe('0.0.0.0');
    expect(loadConfig({ ...production, HOST: '10.1.2.3' }).host).toBe('10.1.2.3');
  });
});

describe('TRUST_PROXY', () => {
  it.each<[string | undefined, unknown]>([
    [undefined, false],
    ['false', false],
    ['', false],
    ['1', 1],
    ['10.0.0.1, 10.0.0.0/8,::1', ['10.0.0.1', '10.0.0.0/8', '::1']],
  ])('%s → %p', (value, expected) => {
    const env: Record<string, string> = { NODE_ENV: 'development' };
    if (value !== undefined) env.TRUST_PROXY = value;
    expect(loadConfig(env).trustProxy).toEqual(expected);
  });

  it.each(['true', '11', 'proxy.example.com', '10.0.0.0/33', '10.0.0.1/8/2'])('refuses %s, naming TRUST_PROXY', (value) => {
    expect(failure({ NODE_ENV: 'development', TRUST_PROXY: value })).toMatch(/ {2}- TRUST_PROXY: /);
  });
});

describe('DOCS_ENABLED', () => {
  it('defaults to true in development, false in production; true / false override', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).docsEnabled).toBe(true);
    expect(loadConfig(production).docsEnabled).toBe(false);
    expect(loadConfig({ ...production, DOCS_ENABLED: 'true' }).docsEnabled).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', DOCS_ENABLED: 'false' }).docsEnabled).toBe(false);
  });
});

describe('.env.example as it is', () => {
  it('starts in development with its empty secrets, and says in production which are missing', () => {
    const empty = { JWT_SECRET: '', AUDIT_KEY: '', ADMIN_PASSWORD: '' };
    expect(loadConfig({ NODE_ENV: 'development', ...empty }).adminPassword).toBe('admin12345');
    const message = failure({ NODE_ENV: 'production', ...empty });
    for (const name of Object.keys(empty)) expect(message).toContain(`  - ${name}: is required outside development`);
  });
});
