import * as ipaddr from 'ipaddr.js';

/** An address block as an inclusive integer interval, so that overlap and containment are comparisons. */
export interface AddressBlock {
  readonly cidr: string;
  readonly version: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
}

/**
 * Parses "10.0.0.0/20" (a bare address is a /32 or /128). Returns a message saying what is wrong
 * and how to write it, instead of throwing.
 */
export function parseCidr(text: string): AddressBlock | string {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = text.includes('/') ? ipaddr.parseCIDR(text) : [ipaddr.parse(text), ipaddr.parse(text).kind() === 'ipv4' ? 32 : 128];
  } catch {
    return `"${text}" is not a CIDR range: write it as an address and a prefix length, e.g. "10.0.0.0/20"`;
  }
  const [address, prefix] = parsed;
  const bits = address.kind() === 'ipv4' ? 32 : 128;
  const value = address.toByteArray().reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
  const size = 1n << BigInt(bits - prefix);
  const first = value - (value % size);
  if (first !== value) {
    const network = blockAddress(first, bits);
    return `"${text}" has host bits set: write the network address "${network}/${prefix}"`;
  }
  return { cidr: text, version: bits === 32 ? 4 : 6, first, last: first + size - 1n };
}

export function cidrBlock(text: string): AddressBlock {
  const block = parseCidr(text);
  if (typeof block === 'string') throw new Error(block);
  return block;
}

export function prefixLength(block: AddressBlock): number {
  const bits = block.version === 4 ? 32 : 128;
  return bits - (block.last - block.first + 1n).toString(2).length + 1;
}

export function overlaps(a: AddressBlock, b: AddressBlock): boolean {
  return a.version === b.version && a.first <= b.last && b.first <= a.last;
}

export function contains(outer: AddressBlock, inner: AddressBlock): boolean {
  return outer.version === inner.version && outer.first <= inner.first && inner.last <= outer.last;
}

function blockAddress(value: bigint, bits: number): string {
  const bytes: number[] = [];
  for (let i = 0; i < bits / 8; i++) bytes.unshift(Number((value >> BigInt(8 * i)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

export const IPV4_ANY = '0.0.0.0/0';
export const IPV6_ANY = '::/0';
