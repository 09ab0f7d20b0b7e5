/**
 * The fewest zones a unit's cluster and node pools span. 003 "High availability and disaster recovery":
 * "In the cloud architecture, high availability is achieved by deploying instances within different
 * Availability Zones", and Genesys recommends "a minimum of three pod replicas for each service"; three
 * zones let those replicas land in three zones. The number is cxunit's reading, not printed as such.
 */
export const MINIMUM_ZONES = 3;

/** The distinct zones a `node_locations` list names, and whether some entries are unresolved references or unknown. */
export function zonesOf(nodeLocations: readonly unknown[]): { readonly zones: readonly string[]; readonly unresolved: boolean } {
  const known = (zone: unknown): zone is string => typeof zone === 'string' && !zone.includes('${');
  return { zones: [...new Set(nodeLocations.filter(known))], unresolved: nodeLocations.some((zone) => !known(zone)) };
}

/** `2 zones (us-west1-a, us-west1-b)`. */
export function describeZones(zones: readonly string[]): string {
  return `${zones.length} zone${zones.length === 1 ? '' : 's'} (${zones.join(', ')})`;
}
