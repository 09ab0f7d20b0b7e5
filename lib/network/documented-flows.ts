import { Catalog } from '../architecture/catalog';
import { parsePortSpec, PortRange, portRange } from '../architecture/ports';
import { Connection, DataStoreKind, ExternalPeerKind, NodePoolKind, Reference, ThirdPartyDependency, Transport } from '../architecture/types';
import { DeclaredDataStores, sbcRtpPortRange, unitPoolKinds, UnitBoundaries } from './boundaries';
import { byCodeUnit } from './collections';

export type Direction = 'INGRESS' | 'EGRESS';
/** `all` is every IP protocol, with no ports. */
export type FlowProtocol = Transport | 'all';

/** The named boundaries a unit can open; each becomes one access rule (or one per distinct peers and pools). */
export type BoundaryName =
  | 'internet-ingress'
  | 'health-check'
  | 'sbc-ingress'
  | 'cross-region-ingress'
  | 'data-store-egress'
  | 'sbc-egress'
  | 'cross-region-egress'
  | 'external-egress'
  | 'storage-egress'
  | 'unit-egress'
  | 'unit-ingress';

/** One documented flow: a protocol and port range between peers and the unit's node pools (by kind, never by a cloud's selector). */
export interface DocumentedFlow {
  readonly boundary: BoundaryName;
  readonly direction: Direction;
  readonly protocol: FlowProtocol;
  /** Absent for protocol `all`. */
  readonly ports?: PortRange;
  /** Source ranges for INGRESS, destination ranges for EGRESS. */
  readonly peers: readonly string[];
  /** Kinds of the node pools the flow reaches (INGRESS) or leaves (EGRESS). */
  readonly targetPools: readonly NodePoolKind[];
  readonly references: readonly Reference[];
}

/** The HTTPS port: 003 "Third-party dependencies", Load balancer: the load balancer "will pass HTTPS traffic to NGINX Ingress Controller". */
const HTTPS_PORT = 443;

/**
 * What a unit runs, as the flows need it: its service groups, and which catalog rows belong to them.
 * A row belongs to a unit when one of the service groups it serves is enabled (catalog.groupsOfConnection,
 * catalog.groupsOfService: the `services` and `endpoints` of namespaces.yaml).
 */
export class UnitServices {
  private readonly groups: ReadonlySet<string>;

  /** `serviceGroups` undefined: every service group of the catalog (a unit that does not say). */
  constructor(private readonly catalog: Catalog, serviceGroups?: readonly string[]) {
    this.groups = new Set(serviceGroups ?? catalog.serviceGroups.map((g) => g.key));
  }

  runsConnection(connection: Connection): boolean {
    return this.catalog.groupsOfConnection(connection).some((g) => this.groups.has(g));
  }

  /** Whether it runs a service of this name (a ports row's, a dependency's). */
  runsService(service: string): boolean {
    return this.catalog.groupsOfService(service).some((g) => this.groups.has(g));
  }

  /** Whether it runs a service that the third-party dependency lists. */
  needsDependency(dependency: ThirdPartyDependency): boolean {
    return dependency.services.some((service) => this.runsService(service));
  }
}

/**
 * The flows a unit's declared boundaries open, derived from the catalog rows of the services it runs:
 * never hand-listed. A flow whose rows all belong to services the unit does not run is not opened; the
 * platform's own flows (health checks, the unit reaching itself) cite their own rows. Connections between
 * two places inside the cluster produce none (the cluster network carries all pod traffic and 003 "GKE >
 * Not supported" requires all namespaces to reach each other).
 */
export function documentedFlows(catalog: Catalog, boundaries: UnitBoundaries, serviceGroups?: readonly string[]): readonly DocumentedFlow[] {
  // Several rules ask for the same stack's flows: derived once per catalog, boundaries object and service groups, and
  // shared (frozen), so that what is computed from the list can be cached by it.
  let byBoundaries = flowCache.get(catalog);
  if (!byBoundaries) flowCache.set(catalog, (byBoundaries = new WeakMap()));
  let byGroups = byBoundaries.get(boundaries);
  if (!byGroups) byBoundaries.set(boundaries, (byGroups = new Map()));
  const groupsKey = serviceGroups ? serviceGroups.join('\n') : '*';
  let flows = byGroups.get(groupsKey);
  if (!flows) byGroups.set(groupsKey, (flows = Object.freeze(deriveDocumentedFlows(catalog, boundaries, serviceGroups))));
  return flows;
}

const flowCache = new WeakMap<Catalog, WeakMap<UnitBoundaries, Map<string, readonly DocumentedFlow[]>>>();

function deriveDocumentedFlows(catalog: Catalog, boundaries: UnitBoundaries, serviceGroups?: readonly string[]): DocumentedFlow[] {
  const flows: FlowCollector = new FlowCollector();
  const runs = new UnitServices(catalog, serviceGroups);
  const connections = connectionsRun(catalog, serviceGroups, runs);
  const unitPools = unitPoolKinds(boundaries);
  const poolsOf = (pools: readonly NodePoolKind[]) => pools.filter((pool) => unitPools.includes(pool));
  const rtpRange = boundaries.sbc ? portRange(boundaries.sbc.rtpPortRange) : undefined;
  const rtpReference = rtpRangeReference(catalog);

  // Internet to the ingress controller's load balancer: the connection rows (000 #1, 001 #27) and the
  // load balancer's row of the services that use it (WebRTC Gateway Service, Designer, GWS …), on HTTPS.
  const ingressPools = poolsOf(boundaries.ingress.targetPools);
  for (const c of connections.filter((c) => c.sourcePlacement === 'internet' && c.destinationPlacement === 'cluster')) {
    flows.addConnection('internet-ingress', 'INGRESS', c, boundaries.ingress.sourceRanges, ingressPools);
  }
  const loadBalancer = catalog.dependency('load-balancer');
  if (loadBalancer && runs.needsDependency(loadBalancer)) {
    flows.add({
      boundary: 'internet-ingress', direction: 'INGRESS', protocol: 'tcp', ports: { from: HTTPS_PORT, to: HTTPS_PORT },
      peers: boundaries.ingress.sourceRanges, targetPools: ingressPools, references: [loadBalancer.reference],
    });
  }
  if (flows.has('internet-ingress')) {
    // The load balancer's health checks reach the same pools (the cloud's ranges, declared by the unit).
    flows.add({
      boundary: 'health-check', direction: 'INGRESS', protocol: 'tcp',
      ports: { from: boundaries.ingress.healthCheckPort, to: boundaries.ingress.healthCheckPort },
      peers: boundaries.ingress.healthCheckRanges, targetPools: ingressPools,
      references: loadBalancer ? [loadBalancer.reference] : [],
    });
  }

  // The unit's own nodes and pods reach each other on every protocol, where the cloud's access rules
  // would otherwise block them. Cited on every cloud by the platform-neutral 003 "Network settings >
  // Enabling Container Networking Interface" (pods communicate across the cluster); on GKE, 003 "GKE > Not
  // supported" says the same of namespaces, and gke.no-network-policy cites it.
  const podNetworking = catalog.supported('pod-networking').reference;
  if (boundaries.unitInternal) {
    flows.add({ boundary: 'unit-ingress', direction: 'INGRESS', protocol: 'all', peers: boundaries.unitInternal.ranges, targetPools: unitPools, references: [podNetworking] });
  }

  // SBC to the voice services: SIP on the documented ports, RTP on the configured range.
  if (boundaries.sbc) {
    const realtime = poolsOf(['realtime']);
    for (const c of connections.filter((c) => c.sourcePlacement === 'sbc' && c.destinationPlacement === 'cluster' && !c.crossRegion)) {
      flows.addConnection('sbc-ingress', 'INGRESS', c, boundaries.sbc.sourceRanges, realtime, rtpRange, rtpReference);
    }
  }

  // Other units of the unit group reaching this one (002 #22: remote Redis), when the store runs here.
  if (boundaries.crossRegion && boundaries.crossRegion.peerRanges.length > 0) {
    for (const c of connections.filter((c) => c.crossRegion)) {
      const reachesCluster = c.destinationPlacement === 'cluster' || (c.destinationPlacement === 'data-store' && boundaries.dataStores.placement === 'in-cluster');
      if (!reachesCluster) continue;
      const target = c.destinationPlacement === 'data-store' && unitPools.includes('thirdParty') ? ['thirdParty' as const] : unitPools;
      flows.addConnection('cross-region-ingress', 'INGRESS', c, boundaries.crossRegion.peerRanges, target, undefined, undefined, storePorts(catalog, c.destinationStore));
    }
  }

  // Pods to third-party data stores that run outside the cluster (in the data subnet, or at a declared
  // external range): exactly the documented ports of the stores the unit's services use.
  const dataStores = boundaries.dataStores;
  if (dataStores.placement === 'subnet') {
    const placed: Array<[DataStoreKind, readonly string[]]> = [
      ...dataStores.stores.map((store): [DataStoreKind, readonly string[]] => [store, [dataStores.cidr]]),
      ...(Object.entries(dataStores.external ?? {}) as Array<[DataStoreKind, readonly string[]]>),
    ];
    for (const [store, peers] of placed) {
      for (const c of connections.filter((c) => c.destinationStore === store && !c.crossRegion)) {
        flows.addConnection('data-store-egress', 'EGRESS', c, peers, unitPools, undefined, undefined, storePorts(catalog, store));
      }
      const dependency = catalog.dependency(store);
      if (!dependency || !runs.needsDependency(dependency)) continue;
      for (const spec of dependency.ports ?? []) {
        flows.add({ boundary: 'data-store-egress', direction: 'EGRESS', protocol: 'tcp', ports: portRange(spec), peers, targetPools: unitPools, references: [dependency.reference] });
      }
    }
  }

  if (boundaries.egressLockdown) {
    // The unit still reaches itself (pods on other nodes, services, the control plane's peering).
    flows.add({ boundary: 'unit-egress', direction: 'EGRESS', protocol: 'all', peers: boundaries.unitRanges, targetPools: unitPools, references: [podNetworking] });
    if (boundaries.sbc) {
      for (const c of connections.filter((c) => c.sourcePlacement === 'cluster' && c.destinationPlacement === 'sbc' && !c.crossRegion)) {
        // RTP to the SBC goes to the SBC's media range (docs/document-disagreements.md, "Inside 003: other
        // sections" 10): GVP's ports row is its source only while the unit assumes the SBC uses ours.
        const declared = boundaries.sbc.sbcRtpPortRange !== undefined;
        flows.addConnection('sbc-egress', 'EGRESS', c, boundaries.sbc.sourceRanges, poolsOf(['realtime']), portRange(sbcRtpPortRange(boundaries.sbc)), declared ? undefined : rtpReference);
      }
    }
    if (boundaries.crossRegion) {
      for (const c of connections.filter((c) => c.crossRegion)) {
        // A peer's store may live in its data subnet (002 #22: Tenant to the remote Redis).
        const peers = c.destinationPlacement === 'sbc' ? boundaries.crossRegion.peerSbcRanges
          : c.destinationPlacement === 'data-store' ? [...boundaries.crossRegion.peerRanges, ...(boundaries.crossRegion.peerDataStoreRanges ?? [])]
            : boundaries.crossRegion.peerRanges;
        if (peers.length === 0) continue;
        flows.addConnection('cross-region-egress', 'EGRESS', c, peers, c.destinationPlacement === 'sbc' ? poolsOf(['realtime']) : unitPools, undefined, undefined, storePorts(catalog, c.destinationStore));
      }
    }
    // NFS to the managed file storage of the unit's storage classes, in the range the unit reserves for it.
    if (boundaries.fileStorage) {
      const references = boundaries.fileStorage.storageClasses
        .map((name) => catalog.storageClasses.find((s) => s.name === name)?.reference)
        .filter((r): r is Reference => r !== undefined);
      for (const { protocol, ports } of boundaries.fileStorage.ports) {
        for (const spec of ports) {
          flows.add({ boundary: 'storage-egress', direction: 'EGRESS', protocol, ports: portRange(spec), peers: [boundaries.fileStorage.cidr], targetPools: unitPools, references });
        }
      }
    }
    // Servers outside the unit that the ports rows of the services it runs reach (003 "List by service").
    for (const entry of catalog.servicePorts.filter((p) => p.externalPeer !== undefined && runs.runsService(p.service))) {
      for (const spec of entry.ports) {
        flows.add({ boundary: 'external-egress', direction: 'EGRESS', protocol: 'tcp', ports: portRange(spec), peers: externalPeerRanges(boundaries, entry.externalPeer!), targetPools: unitPools, references: [entry.reference] });
      }
    }
  }
  return flows.merged();
}

/**
 * The data stores the services a unit runs need, each with the services that need it: 003 "Third-party
 * dependencies" rows of the stores (PostgreSQL, Redis, Kafka, Consul, Elasticsearch, MS SQL Server) that
 * list a service the unit runs.
 */
export function requiredDataStores(catalog: Catalog, serviceGroups?: readonly string[]): Map<DataStoreKind, string[]> {
  const runs = new UnitServices(catalog, serviceGroups);
  const required = new Map<DataStoreKind, string[]>();
  for (const store of DATA_STORES) {
    const dependency = catalog.dependency(store);
    const services = dependency?.services.filter((service) => runs.runsService(service)) ?? [];
    if (services.length > 0) required.set(store, services);
  }
  return required;
}

const DATA_STORES: readonly DataStoreKind[] = ['postgres', 'redis', 'kafka', 'consul', 'elasticsearch', 'mssql'];

/**
 * Every store that the unit's services need has a declared place (003 "Third-party dependencies"): a
 * store nobody placed would have no egress flow under lockdown, and no one would notice until it failed.
 * Returns the problem, naming the stores, the services that need them and the props to fix
 * (`construct`: the unit construct's name), or undefined. A unit without a data subnet or external
 * stores runs every store in the cluster.
 */
export function undeclaredDataStoresProblem(catalog: Catalog, unit: DeclaredDataStores, construct: string): string | undefined {
  if (unit.dataStoreSubnetCidr === undefined && unit.externalDataStores === undefined) return undefined;
  const declared = new Set<string>([...(unit.dataStores ?? []), ...(unit.inClusterDataStores ?? []), ...Object.keys(unit.externalDataStores ?? {})]);
  const missing = [...requiredDataStores(catalog, unit.serviceGroups)].filter(([store]) => !declared.has(store));
  if (missing.length === 0) return undefined;
  const one = missing.length === 1;
  const subnet = unit.dataStoreSubnetCidr !== undefined ? ` (the data subnet ${unit.dataStoreSubnetCidr})` : '';
  return `unit "${unit.unitName}" does not say where ${missing.map(([store, services]) => `${store} (needed by ${services.join(', ')})`).join('; ')} ${one ? 'lives' : 'live'} `
    + `(003 "Third-party dependencies"): add ${one ? 'it' : 'each'} to the stores${subnet}, the in-cluster stores, or the external stores with ${one ? 'its' : 'their'} range `
    + `(units.yaml dataStores.stores / .inCluster / .external; ${construct} dataStores / inClusterDataStores / externalDataStores)`;
}

/** The ranges of the unit's named external peers of a kind: every address when the unit names none. */
export function externalPeerRanges(boundaries: UnitBoundaries, kind: ExternalPeerKind): readonly string[] {
  return boundaries.externalPeers?.[kind] ?? ['0.0.0.0/0'];
}

/** The catalog's connections of the services a unit runs: units of an estate mostly run the same service groups. */
function connectionsRun(catalog: Catalog, serviceGroups: readonly string[] | undefined, runs: UnitServices): readonly Connection[] {
  let byGroups = connectionCache.get(catalog);
  if (!byGroups) connectionCache.set(catalog, (byGroups = new Map()));
  const key = serviceGroups ? serviceGroups.join('\n') : '*';
  let connections = byGroups.get(key);
  if (!connections) byGroups.set(key, (connections = catalog.connections.filter((c) => runs.runsConnection(c))));
  return connections;
}

const connectionCache = new WeakMap<Catalog, Map<string, readonly Connection[]>>();

function rtpRangeReference(catalog: Catalog): Reference | undefined {
  if (!rtpReferenceCache.has(catalog)) rtpReferenceCache.set(catalog, catalog.servicePorts.find((p) => p.protocol === 'RTP/RTCP' && p.ports.includes('20000-45000'))?.reference);
  return rtpReferenceCache.get(catalog);
}

const rtpReferenceCache = new WeakMap<Catalog, Reference | undefined>();

/** Documented ports of a data store (used where a connection leaves the port to the store's configuration). */
function storePorts(catalog: Catalog, store: DataStoreKind | undefined): readonly string[] {
  return (store && catalog.dependency(store)?.ports) || [];
}

/** Collects flows and merges identical ones, keeping every reference. */
class FlowCollector {
  private readonly flows = new Map<string, DocumentedFlow>();

  has(boundary: BoundaryName): boolean {
    return [...this.flows.values()].some((f) => f.boundary === boundary);
  }

  add(flow: DocumentedFlow): void {
    if (flow.peers.length === 0 || flow.targetPools.length === 0) return;
    // Sorted once: every unit of an estate adds some fifty flows here, mostly before V8 optimizes it.
    const peers = flow.peers.length > 1 ? [...flow.peers].sort() : flow.peers;
    const targetPools = flow.targetPools.length > 1 ? [...flow.targetPools].sort() : flow.targetPools;
    const key = `${flow.boundary}|${flow.direction}|${flow.protocol}|${flow.ports?.from}|${flow.ports?.to}|${peers.join(',')}|${targetPools.join(',')}`;
    const existing = this.flows.get(key);
    const references = existing ? [...existing.references, ...flow.references] : flow.references;
    const unique = references.length > 1
      ? references.filter((r, i) => references.findIndex((o) => o.document === r.document && o.table === r.table && o.row === r.row) === i)
      : references;
    this.flows.set(key, { ...flow, peers, targetPools, references: unique });
  }

  /**
   * A connection's flows: one per transport and port. A connection without a port uses `negotiated`
   * (RTP) or the store's documented ports; one with neither opens nothing and is reported by the caller.
   */
  addConnection(boundary: BoundaryName, direction: Direction, c: Connection, peers: readonly string[], targetPools: readonly NodePoolKind[],
    negotiated?: PortRange, negotiatedReference?: Reference, fallbackPorts: readonly string[] = []): void {
    let ranges = c.ports.map(portRange);
    const references = [c.reference];
    if (ranges.length === 0 && c.portConfiguredBy === 'negotiated at call setup' && negotiated) {
      ranges = [negotiated];
      if (negotiatedReference) references.push(negotiatedReference);
    } else if (ranges.length === 0) {
      ranges = fallbackPorts.map((spec) => parsePortSpec(spec)).filter((r): r is PortRange => typeof r !== 'string');
    }
    for (const protocol of c.transports) {
      for (const ports of ranges) this.add({ boundary, direction, protocol, ports, peers, targetPools, references });
    }
  }

  merged(): DocumentedFlow[] {
    return [...this.flows.values()].sort((a, b) => byCodeUnit(a.boundary, b.boundary) || byCodeUnit(a.protocol, b.protocol) || (a.ports?.from ?? 0) - (b.ports?.from ?? 0));
  }
}
