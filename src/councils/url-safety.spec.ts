import { pointsAtPrivateAddress } from './url-safety';

describe('pointsAtPrivateAddress', () => {
  it.each([
    'https://oapi.dingtalk.com/robot/send?access_token=abc',
    'https://open.feishu.cn/open-apis/bot/v2/hook/xyz',
    'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k',
    'http://8.8.8.8/hook',
    'http://172.32.0.1/',
    'http://[2606:4700:4700::1111]/',
    'https://example.com.:8443/hook',
  ])('%s is public', (url) => {
    expect(pointsAtPrivateAddress(url)).toBe(false);
  });

  it.each([
    'http://localhost:3000/hook',
    'http://LOCALHOST/hook',
    'http://localhost./hook',
    'http://api.localhost/hook',
    'http://api.localhost./hook',
    'http://printer.local/',
    'http://metadata.google.internal/computeMetadata/v1',
    'http://127.0.0.1/',
    'http://127.1/',
    'http://2130706433/',
    'http://0x7f.0.0.1/',
    'http://0.0.0.0/',
    'http://10.1.2.3/',
    'http://172.16.0.1/',
    'http://172.31.255.255/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/',
    'http://[::]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:10.0.0.1]/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
  ])('%s is private, loopback or otherwise not public', (url) => {
    expect(pointsAtPrivateAddress(url)).toBe(true);
  });
});
