import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { UnsafeWebhookUrlError } from './unsafe-webhook-url-error.js';

type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** Resolves a host name to every address it has (like `dns.lookup(host, { all: true })`). */
export type HostResolver = (hostname: string) => Promise<readonly string[]>;

export interface AssertDeliverableUrlOptions {
  /** Test mode lets developers use localhost; live mode refuses every non-public address. */
  mode: 'test' | 'live';
  /** Host names (exact, or `*.example.com`), IPs or CIDRs that are allowed anyway (development). */
  allowlist?: readonly string[];
  resolve?: HostResolver;
}

export interface AssertDeliverableUrlReturnType {
  url: URL;
  /** The addresses checked (empty in test mode for names, which are not resolved). */
  addresses: string[];
}

/** Cloud instance metadata services: never a webhook target, in any mode. */
const METADATA_ADDRESSES = ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200', '192.0.0.192'].map((a) =>
  ipaddr.parse(a).toNormalizedString(),
);

const defaultResolve: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

function parseIp(text: string): IpAddress | undefined {
  // ipaddr.process unwraps IPv4-mapped IPv6 (::ffff:10.0.0.1) to the IPv4 it carries.
  return ipaddr.isValid(text) ? ipaddr.process(text) : undefined;
}

function isMetadata(address: IpAddress): boolean {
  return METADATA_ADDRESSES.includes(address.toNormalizedString());
}

function inAllowlist(host: string, address: IpAddress | undefined, allowlist: readonly string[]): boolean {
  for (const entry of allowlist) {
    const rule = entry.trim().toLowerCase();
    if (rule === '') continue;
    if (rule.includes('/')) {
      if (!address || !ipaddr.isValidCIDR(rule)) continue;
      const [network, bits] = ipaddr.parseCIDR(rule);
      if (network.kind() === address.kind() && address.match(network, bits)) return true;
    } else if (ipaddr.isValid(rule)) {
      if (address && ipaddr.process(rule).toNormalizedString() === address.toNormalizedString()) return true;
    } else if (rule.startsWith('*.')) {
      if (host.endsWith(rule.slice(1))) return true;
    } else if (host === rule) {
      return true;
    }
  }
  return false;
}

function refuse(url: URL, why: string, code = 'url_unsafe'): never {
  throw new UnsafeWebhookUrlError(`Webhook URL host '${url.hostname}' is not allowed: ${why}.`, { code });
}

/**
 * Refuses webhook URLs that would let a merchant reach inside our network (SSRF).
 * Live mode resolves the host and refuses it when ANY address is loopback,
 * private (RFC 1918), CGNAT, link-local, unique-local, unspecified, multicast,
 * reserved or a cloud metadata address — anything ipaddr.js does not class as
 * public unicast, including IPv4-mapped and NAT64/6to4 forms. Metadata
 * addresses are refused in test mode too. Call again before each delivery:
 * DNS can change after the endpoint was saved.
 */
export async function assertDeliverableUrl(
  input: string | URL,
  options: AssertDeliverableUrlOptions,
): Promise<AssertDeliverableUrlReturnType> {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch (cause) {
    throw new UnsafeWebhookUrlError('Webhook URL is not a valid URL.', { code: 'url_invalid', cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UnsafeWebhookUrlError('Webhook URL must use http or https.', { code: 'url_invalid' });
  }
  const allowlist = options.allowlist ?? [];
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  const literal = parseIp(host);

  if (inAllowlist(host, literal, allowlist)) return { url, addresses: literal ? [literal.toString()] : [] };

  if (options.mode === 'test') {
    if (literal && isMetadata(literal)) refuse(url, 'it is a cloud metadata address');
    return { url, addresses: literal ? [literal.toString()] : [] };
  }

  let addresses: IpAddress[];
  if (literal) {
    addresses = [literal];
  } else {
    let resolved: readonly string[];
    try {
      resolved = await (options.resolve ?? defaultResolve)(host);
    } catch (cause) {
      throw new UnsafeWebhookUrlError(`Webhook URL host '${host}' could not be resolved.`, {
        code: 'url_unresolvable',
        cause,
      });
    }
    if (resolved.length === 0) refuse(url, 'it resolves to no address', 'url_unresolvable');
    addresses = resolved.map((text) => parseIp(text) ?? refuse(url, 'it resolves to an invalid address'));
  }

  for (const address of addresses) {
    if (inAllowlist(host, address, allowlist)) continue;
    if (isMetadata(address)) refuse(url, 'it resolves to a cloud metadata address');
    const range = address.range();
    if (range !== 'unicast') refuse(url, `it resolves to a ${range} address`);
  }
  return { url, addresses: addresses.map((address) => address.toString()) };
}
