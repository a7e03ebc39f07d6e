import ipaddr from 'ipaddr.js';

const LOCAL_NAMES = /^(localhost|.*\.localhost|.*\.local|.*\.internal)$/i;

/**
 * Whether a URL points at a loopback, private, link-local or otherwise non-public address by its
 * literal host. Names are checked again against their resolved addresses when a message is sent.
 */
export function pointsAtPrivateAddress(url: string): boolean {
  // A trailing dot names the same host (`localhost.` is localhost).
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').replace(/\.+$/, '');
  if (LOCAL_NAMES.test(host)) return true;
  if (!ipaddr.isValid(host)) return false;
  let address = ipaddr.parse(host);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) address = (address as ipaddr.IPv6).toIPv4Address();
  return address.range() !== 'unicast';
}
