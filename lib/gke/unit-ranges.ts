import { AddressBlock, overlaps, parseCidr, prefixLength } from '../network/cidr';

/** A unit's own address ranges, by prop name. */
export type UnitRangeName = 'subnetCidr' | 'podsCidr' | 'servicesCidr';
export const UNIT_RANGE_NAMES: readonly UnitRangeName[] = ['subnetCidr', 'podsCidr', 'servicesCidr'];

/**
 * The smallest range cxunit accepts for each of a unit's ranges (the longest prefix).
 * - subnet /24: 252 node addresses (GCP reserves 4), far more than a unit's node pools reach;
 * - pods /21: GKE gives every node a /24 of pod addresses (110 pods per node), so a /21 holds 8 nodes,
 *   fewer than the two required pools at one node per zone in three zones plus an upgrade's surge nodes.
 *   The node pools' peak size is checked against the range as well (see podsCapacityProblem);
 * - services /24: 256 ClusterIPs. GKE accepts /27 (32), which the 22 namespaces of 003 "Creating
 *   namespaces" would exhaust: each service group runs several Kubernetes Services.
 */
export const MINIMUM_RANGE_SIZES: Readonly<Record<UnitRangeName, number>> = { subnetCidr: 24, podsCidr: 21, servicesCidr: 24 };

/** GKE's default of 110 pods per node gets a /24 per node from the pods range. */
export const POD_ADDRESSES_PER_NODE = 256;

/**
 * Parses an IPv4 range given under `label`; returns the problem, with the bad value and the fix,
 * instead of throwing.
 */
export function parseIpv4Range(label: string, cidr: string): AddressBlock | string {
  const block = parseCidr(cidr);
  if (typeof block === 'string') return `${label} ${block}`;
  if (block.version !== 4) return `${label} "${cidr}" is an IPv6 range: cxunit units are IPv4 (GKE stack type IPV4); use an IPv4 range such as "10.0.0.0/20"`;
  return block;
}

/** A peer's data-store subnet that is not an IPv4 range (on either cloud); undefined when it is, or is absent or not yet known. */
export function peerDataStoreSubnetProblem(peer: { readonly unitName: string; readonly dataStoreSubnetCidr?: string }, known: (value: unknown) => boolean): string | undefined {
  if (!known(peer.dataStoreSubnetCidr)) return undefined;
  const block = parseIpv4Range(`peer unit "${peer.unitName}" dataStoreSubnetCidr`, peer.dataStoreSubnetCidr!);
  return typeof block === 'string' ? block : undefined;
}

export function rangeSizeProblem(name: UnitRangeName, block: AddressBlock): string | undefined {
  const minimum = MINIMUM_RANGE_SIZES[name];
  if (prefixLength(block) <= minimum) return undefined;
  const why: Record<UnitRangeName, string> = {
    subnetCidr: 'the subnet holds the node addresses',
    podsCidr: `GKE gives each node a /24 of pod addresses, so a /${minimum} holds only ${2 ** (24 - minimum)} nodes`,
    servicesCidr: 'the Services of the 22 namespaces of 003 "Creating namespaces" need room',
  };
  return `${name} ${block.cidr} is smaller than /${minimum} (${why[name]}): use a /${minimum} or larger range (a prefix of ${minimum} or less)`;
}

/** The first overlap between two named ranges of the same unit, as a message; undefined when none. */
export function unitOverlapProblem(unitName: string, a: { name: string; block: AddressBlock }, b: { name: string; block: AddressBlock }): string | undefined {
  if (!overlaps(a.block, b.block)) return undefined;
  return `${a.name} ${a.block.cidr} overlaps ${b.name} ${b.block.cidr} in unit "${unitName}": choose ranges that do not overlap`;
}

/** An overlap between this unit's range and another unit's, as a message; undefined when none. */
export function peerOverlapProblem(own: { name: string; block: AddressBlock }, peerUnit: string, peer: { name: string; block: AddressBlock }, where = ''): string | undefined {
  if (!overlaps(own.block, peer.block)) return undefined;
  return `${own.name} ${own.block.cidr} overlaps ${peer.name} ${peer.block.cidr} of unit "${peerUnit}"${where}: the units of a unit group reach each other over VPC peering, so every range must be distinct; choose ranges that do not overlap`;
}

/** The smallest prefix length (largest block) holding `count` addresses of `unit` each. */
export function prefixFor(count: number, addressesEach: number): number {
  return 32 - Math.ceil(Math.log2(Math.max(1, count) * addressesEach));
}

export function blockSize(block: AddressBlock): number {
  return Number(block.last - block.first + 1n);
}
