import { isPublicAddress, pointsAtPrivateAddress, PrivateAddressError, resolvePublic, urlRefusal, type Resolver } from './url-safety';

describe('pointsAtPrivateAddress / urlRefusal for webhooks', () => {
  it.each([
    'https://oapi.dingtalk.com/robot/send?access_token=abc',
    'https://open.feishu.cn/open-apis/bot/v2/hook/xyz',
    'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k',
    'http://8.8.8.8/hook',
    'http://172.32.0.1/',
    'http://[2606:4700:4700::1111]/',
    'http://[::ffff:8.8.8.8]/',
    'https://example.com.:8443/hook',
  ])('%s is public', (url) => {
    expect(pointsAtPrivateAddress(url)).toBe(false);
    expect(urlRefusal('webhook', url, false)).toBeNull();
  });

  // Every form here names a non-public address by its literal host, however it is spelled.
  const refused = [
    'http://localhost:3000/hook',
    'http://LOCALHOST/hook',
    'http://localhost./hook',
    'http://api.localhost/hook',
    'http://api.localhost./hook',
    'http://printer.local/',
    'http://metadata.google.internal/computeMetadata/v1',
    'http://router.home.arpa/',
    'http://127.0.0.1/',
    'http://127.1/',
    'http://127.0.0.1.:80/',
    'http://2130706433/', // decimal
    'http://0x7f000001/', // hex, whole
    'http://0x7f.0.0.1/', // hex, dotted
    'http://0177.0.0.1/', // octal
    'http://017700000001/', // octal, whole
    'http://127.000.000.001/',
    'http://0.0.0.0/',
    'http://0/',
    'http://10.1.2.3/',
    'http://172.16.0.1/',
    'http://172.31.255.255/',
    'http://192.168.1.1/',
    'http://100.64.0.1/', // carrier-grade NAT
    'http://169.254.169.254/latest/meta-data', // cloud metadata
    'http://169.254.0.1/', // link-local
    'http://192.0.2.1/', // documentation
    'http://198.18.0.1/', // benchmarking
    'http://240.0.0.1/', // reserved
    'http://224.0.0.1/', // multicast
    'http://255.255.255.255/',
    'http://[::1]/',
    'http://[::]/',
    'http://[0:0:0:0:0:0:0:1]/',
    'http://[::127.0.0.1]/', // IPv4-compatible (the gap that used to pass)
    'http://[::7f00:1]/',
    'http://[::169.254.169.254]/',
    'http://[::ffff:127.0.0.1]/', // IPv4-mapped
    'http://[::ffff:7f00:1]/',
    'http://[::ffff:10.0.0.1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://[64:ff9b::7f00:1]/', // NAT64
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://[2002:7f00:1::]/', // 6to4 of 127.0.0.1
    'http://[2001::1]/', // Teredo
    'http://[2001:db8::1]/', // documentation
    'http://[fd00::1]/', // unique local
    'http://[fc00::1]/',
    'http://[fe80::1]/', // link-local
    'http://[fec0::1]/', // old site-local
    'http://[ff02::1]/', // multicast
    'http://[100::1]/', // discard
  ];

  it(`refuses ${refused.length} private, loopback and otherwise non-public forms`, () => {
    expect(refused.length).toBeGreaterThanOrEqual(40);
  });

  it.each(refused)('%s is refused', (url) => {
    expect(pointsAtPrivateAddress(url)).toBe(true);
    expect(urlRefusal('webhook', url, false)).toMatch(/private or loopback/);
  });

  it.each(refused)('%s is let through when WEBHOOK_ALLOW_PRIVATE=true', (url) => {
    expect(urlRefusal('webhook', url, true)).toBeNull();
  });
});

describe('urlRefusal', () => {
  it.each([
    ['dingtalk', 'https://oapi.dingtalk.com.evil.example/robot/send?access_token=x', /vendor's host/],
    ['dingtalk', 'https://evil.example/oapi.dingtalk.com/robot/send', /vendor's host/],
    ['dingtalk', 'http://oapi.dingtalk.com/robot/send?access_token=x', /https/],
    ['wecom', 'https://qyapi.weixin.qq.com@evil.example/cgi-bin/webhook/send?key=k', /credentials|vendor/],
    ['feishu', 'https://open.feishu.cn.attacker.example/open-apis/bot/v2/hook/x', /vendor's host/],
    ['feishu', 'https://127.0.0.1/open-apis/bot/v2/hook/x', /vendor's host/],
    ['webhook', 'ftp://example.com/hook', /http or https/],
    ['webhook', 'https://user:pass@example.com/hook', /credentials/],
    ['webhook', 'not a url', /absolute/],
  ] as const)('%s %s is refused', (type, url, why) => {
    expect(urlRefusal(type, url, false)).toMatch(why);
  });

  it.each([
    ['dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=x'],
    ['dingtalk', 'https://OAPI.DINGTALK.COM./robot/send?access_token=x'],
    ['wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k'],
    ['feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/x'],
    ['feishu', 'https://open.larksuite.com/open-apis/bot/v2/hook/x'],
  ] as const)('%s %s is accepted', (type, url) => {
    expect(urlRefusal(type, url, false)).toBeNull();
  });

  it('lets a robot point anywhere when WEBHOOK_ALLOW_PRIVATE=true (tests, intranets)', () => {
    expect(urlRefusal('dingtalk', 'http://127.0.0.1:9000/robot/send', true)).toBeNull();
  });
});

describe('resolvePublic', () => {
  const zone: Record<string, string[]> = {
    'public.example': ['93.184.216.34', '2606:2800:220:1::248'],
    'loopback.example': ['127.0.0.1'],
    'mixed.example': ['93.184.216.34', '10.0.0.5'],
    'metadata.example': ['169.254.169.254'],
    'mapped.example': ['::ffff:192.168.0.1'],
    'v6loop.example': ['::1'],
    'nat64.example': ['64:ff9b::a00:1'],
    'cgnat.example': ['100.100.100.100'],
  };
  const resolver: Resolver = (host) => Promise.resolve(zone[host] ?? []);

  it('answers the first address of a name whose every address is public', async () => {
    await expect(resolvePublic('public.example', resolver, false)).resolves.toBe('93.184.216.34');
  });

  it.each(['loopback.example', 'mixed.example', 'metadata.example', 'mapped.example', 'v6loop.example', 'nat64.example', 'cgnat.example'])(
    'refuses %s, which resolves to a private range',
    async (host) => {
      await expect(resolvePublic(host, resolver, false)).rejects.toBeInstanceOf(PrivateAddressError);
    },
  );

  it('refuses a name that does not resolve', async () => {
    await expect(resolvePublic('nowhere.example', resolver, false)).rejects.toThrow(/does not resolve/);
  });

  it('lets a private answer through when WEBHOOK_ALLOW_PRIVATE=true', async () => {
    await expect(resolvePublic('loopback.example', resolver, true)).resolves.toBe('127.0.0.1');
  });
});

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['2001:4860:4860::8888', true],
    ['::ffff:8.8.8.8', true],
    ['127.0.0.1', false],
    ['::7f00:1', false],
    ['not an address', false],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});
