import * as ipaddr from 'ipaddr.js';

/**
 * Addresses as integers: an IPv4 or IPv6 block is an inclusive interval, so that coverage and overlap
 * are comparisons and a set of blocks can be cut into elementary cells exactly.
 */

export type Family = 4 | 6;

export const FAMILY_BITS: Readonly<Record<Family, number>> = { 4: 32, 6: 128 };
export const FAMILY_MAX: Readonly<Record<Family, bigint>> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };
export const FAMILY_ANY: Readonly<Record<Family, string>> = { 4: '0.0.0.0/0', 6: '::/0' };

/** An inclusive interval of addresses of one family. */
export interface AddressInterval {
  readonly family: Family;
  readonly first: bigint;
  readonly last: bigint;
}

/**
 * Parses a CIDR ("10.0.0.0/20", "2001:db8::/32") or a bare address. Host bits are cleared as GCP does
 * for firewall ranges. Returns a message (what is wrong and how to write it) instead of throwing.
 */
export function parseAddressRange(text: string): AddressInterval | string {
  let parsed = parsedRanges.get(text);
  if (parsed === undefined) {
    parsed = parseUncached(text);
    if (parsedRanges.size > 100_000) parsedRanges.clear();
    parsedRanges.set(text, parsed);
  }
  return parsed;
}

/** Parsing is the evaluator's main cost and the same few ranges recur in every stack of an estate. */
const parsedRanges = new Map<string, AddressInterval | string>();

function parseUncached(text: string): AddressInterval | string {
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  let prefix: number;
  try {
    if (text.includes('/')) [address, prefix] = ipaddr.parseCIDR(text);
    else {
      address = ipaddr.parse(text);
      prefix = address.kind() === 'ipv4' ? 32 : 128;
    }
  } catch {
    return `"${text}" is not an address range: write a CIDR such as "10.0.0.0/20" or "2001:db8::/32"`;
  }
  const family: Family = address.kind() === 'ipv4' ? 4 : 6;
  const value = address.toByteArray().reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
  const size = 1n << BigInt(FAMILY_BITS[family] - prefix);
  const first = value - (value % size);
  return { family, first, last: first + size - 1n };
}

export function addressRange(text: string): AddressInterval {
  const parsed = parseAddressRange(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

export function formatAddress(value: bigint, family: Family): string {
  const bytes: number[] = [];
  for (let i = 0; i < FAMILY_BITS[family] / 8; i++) bytes.unshift(Number((value >> BigInt(8 * i)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

/** The fewest CIDR blocks that cover exactly the interval. */
export function intervalToCidrs(interval: AddressInterval): string[] {
  const bits = FAMILY_BITS[interval.family];
  const blocks: string[] = [];
  let first = interval.first;
  while (first <= interval.last) {
    let size = 1n;
    let prefix = bits;
    while (prefix > 0 && first % (size * 2n) === 0n && first + size * 2n - 1n <= interval.last) {
      size *= 2n;
      prefix--;
    }
    blocks.push(`${formatAddress(first, interval.family)}/${prefix}`);
    first += size;
  }
  return blocks;
}

/** Sorts and merges overlapping or adjacent intervals (per family, IPv4 first). */
export function mergeIntervals(intervals: readonly AddressInterval[]): AddressInterval[] {
  const sorted = [...intervals].sort((a, b) => a.family - b.family || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const merged: AddressInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.family === interval.family && interval.first <= last.last + 1n) {
      if (interval.last > last.last) merged[merged.length - 1] = { ...last, last: interval.last };
    } else {
      merged.push(interval);
    }
  }
  return merged;
}

/**
 * Address sets as people read them: CIDR blocks, or `0.0.0.0/0 except 10.0.0.0/8` when the set is
 * most of a family and its complement is shorter to write.
 */
export function describeAddresses(intervals: readonly AddressInterval[]): string {
  const merged = mergeIntervals(intervals);
  const parts: string[] = [];
  for (const family of [4, 6] as const) {
    const own = merged.filter((i) => i.family === family);
    if (own.length === 0) continue;
    const blocks = own.flatMap(intervalToCidrs);
    const gaps: AddressInterval[] = [];
    let next = 0n;
    for (const interval of own) {
      if (interval.first > next) gaps.push({ family, first: next, last: interval.first - 1n });
      next = interval.last + 1n;
    }
    if (next <= FAMILY_MAX[family]) gaps.push({ family, first: next, last: FAMILY_MAX[family] });
    const gapBlocks = gaps.flatMap(intervalToCidrs);
    parts.push(gapBlocks.length > 0 && gapBlocks.length + 1 < blocks.length ? `${FAMILY_ANY[family]} except ${gapBlocks.join(', ')}` : blocks.join(', '));
  }
  return parts.join(', ');
}

export function intervalContains(outer: AddressInterval, inner: AddressInterval): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

export function isWholeFamily(interval: AddressInterval): boolean {
  return interval.first === 0n && interval.last === FAMILY_MAX[interval.family];
}

/**
 * Addresses that are not on the public internet (RFC 6890 special-purpose blocks: private, shared,
 * loopback, link-local, documentation, multicast, reserved). "Reachable from the internet" means from
 * every address outside these.
 */
export const NON_PUBLIC_RANGES: readonly string[] = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24',
  '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
  '::/127', '::ffff:0:0/96', '64:ff9b::/96', '100::/64', '2001:db8::/32', 'fc00::/7', 'fe80::/10', 'ff00::/8',
];
