import { isIPv4, isIPv6 } from 'node:net';

/**
 * Which IP addresses a webhook may be sent to. Anything that is not ordinary public unicast is refused: a webhook URL
 * is chosen by a user, and the server must not become their way into its own network (loopback, private ranges,
 * link-local, cloud metadata services). IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are
 * judged by the IPv4 address inside.
 */
export type AddressClass =
  'public' | 'unspecified' | 'loopback' | 'private' | 'shared' | 'link_local' | 'metadata' | 'multicast' | 'reserved' | 'invalid';

interface Range {
  readonly base: bigint;
  readonly bits: number;
  readonly kind: Exclude<AddressClass, 'public' | 'invalid'>;
}

/** Cloud metadata and host services on addresses that would otherwise count as public or are named for clarity. */
const METADATA_V4 = ['169.254.169.254', '169.254.170.2', '100.100.100.200', '168.63.129.16', '192.0.0.192'];

const V4_RANGES: readonly [string, number, Range['kind']][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link_local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const V6_RANGES: readonly [string, number, Range['kind']][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fd00:ec2::254', 128, 'metadata'],
  ['64:ff9b:1::', 48, 'reserved'],
  ['100::', 64, 'reserved'],
  ['2001::', 23, 'reserved'],
  ['2001:db8::', 32, 'reserved'],
  ['3fff::', 20, 'reserved'],
  ['5f00::', 16, 'reserved'],
  ['fc00::', 7, 'private'],
  ['fe80::', 10, 'link_local'],
  ['fec0::', 10, 'private'],
  ['ff00::', 8, 'multicast'],
];

function parseV4(text: string): bigint | null {
  if (!isIPv4(text)) return null;
  return text.split('.').reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

/** The 128-bit value of an IPv6 address (zone id dropped; an embedded dotted quad is read as the last 32 bits). */
function parseV6(text: string): bigint | null {
  const address = text.replace(/%.*$/, '');
  if (!isIPv6(address)) return null;
  let groups: string[];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  let head = address;
  let tail: string[] = [];
  if (dotted?.[1]) {
    const v4 = parseV4(dotted[1]);
    if (v4 === null) return null;
    head = address.slice(0, -dotted[1].length) + '0:0';
    tail = [((v4 >> 16n) & 0xffffn).toString(16), (v4 & 0xffffn).toString(16)];
  }
  const [left = '', right] = head.split('::');
  const leftGroups = left === '' ? [] : left.split(':');
  if (right === undefined) groups = leftGroups;
  else {
    const rightGroups = right === '' ? [] : right.split(':');
    groups = [...leftGroups, ...Array<string>(8 - leftGroups.length - rightGroups.length).fill('0'), ...rightGroups];
  }
  if (tail.length === 2) groups = [...groups.slice(0, 6), ...tail];
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

const toRanges = (list: typeof V4_RANGES, width: number, parse: (t: string) => bigint | null): Range[] =>
  list.map(([base, bits, kind]) => {
    const value = parse(base);
    if (value === null) throw new Error(`bad range ${base}`);
    return { base: value >> BigInt(width - bits), bits, kind };
  });

const V4 = toRanges(V4_RANGES, 32, parseV4);
const V6 = toRanges(V6_RANGES, 128, parseV6);
const METADATA = new Set(METADATA_V4.map((a) => parseV4(a)));

const inRanges = (value: bigint, width: number, ranges: Range[]): Range['kind'] | null =>
  ranges.find((r) => value >> BigInt(width - r.bits) === r.base)?.kind ?? null;

function classifyV4(value: bigint): AddressClass {
  if (METADATA.has(value)) return 'metadata';
  return inRanges(value, 32, V4) ?? 'public';
}

function classifyV6(value: bigint): AddressClass {
  const top96 = value >> 32n;
  const low32 = value & 0xffff_ffffn;
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible, deprecated), ::ffff:0:a.b.c.d (translated), 64:ff9b::/96 (NAT64).
  if (top96 === 0xffffn || top96 === 0xffff_0000n || top96 === 0x64_ff9b_0000_0000_0000_0000n) return classifyV4(low32);
  if (top96 === 0n && value > 1n) return classifyV4(low32);
  // 6to4 (2002::/16) carries an IPv4 address in bits 16..48.
  if (value >> 112n === 0x2002n) return classifyV4((value >> 80n) & 0xffff_ffffn);
  return inRanges(value, 128, V6) ?? 'public';
}

/** The class of an IP address literal (IPv4, or IPv6 with or without brackets and zone id); `invalid` if it is not one. */
export function classifyAddress(text: string): AddressClass {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const v4 = parseV4(bare);
  if (v4 !== null) return classifyV4(v4);
  const v6 = parseV6(bare);
  if (v6 !== null) return classifyV6(v6);
  return 'invalid';
}

export const isPublicAddress = (text: string): boolean => classifyAddress(text) === 'public';
