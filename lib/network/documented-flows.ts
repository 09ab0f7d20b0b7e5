import { Catalog } from '../architecture/catalog';
import { parsePortSpec, PortRange, portRange } from '../architecture/ports';
import { Connection, DataStoreKind, NodePoolKind, Reference, Transport } from '../architecture/types';
import { unitPoolKinds, UnitBoundaries } from './boundaries';

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

/**
 * The flows a unit's declared boundaries open, derived from the catalog: never hand-listed.
 * Connections between two places inside the cluster produce none (the cluster network carries all pod traffic and
 * 003 "GKE > Not supported" requires all namespaces to reach each other).
 */
export function documentedFlows(catalog: Catalog, boundaries: UnitBoundaries): DocumentedFlow[] {
  const flows: FlowCollector = new FlowCollector();
  const unitPools = unitPoolKinds(boundaries);
  const poolsOf = (pools: readonly NodePoolKind[]) => pools.filter((pool) => unitPools.includes(pool));
  const rtpRange = boundaries.sbc ? portRange(boundaries.sbc.rtpPortRange) : undefined;
  const rtpReference = rtpRangeReference(catalog);

  // Internet to the ingress controller's load balancer (000 #1, 001 #27).
  const ingressPools = poolsOf(boundaries.ingress.targetPools);
  for (const c of catalog.connections.filter((c) => c.sourcePlacement === 'internet' && c.destinationPlacement === 'cluster')) {
    flows.addConnection('internet-ingress', 'INGRESS', c, boundaries.ingress.sourceRanges, ingressPools);
  }
  const loadBalancer = catalog.dependency('load-balancer');
  flows.add({
    boundary: 'health-check', direction: 'INGRESS', protocol: 'tcp',
    ports: { from: boundaries.ingress.healthCheckPort, to: boundaries.ingress.healthCheckPort },
    peers: boundaries.ingress.healthCheckRanges, targetPools: ingressPools,
    references: loadBalancer ? [loadBalancer.reference] : [],
  });

  // The unit's own nodes and pods reach each other on every protocol, where the cloud's access rules
  // would otherwise block them (003 "GKE > Not supported": all pod traffic between namespaces is allowed;
  // 003 "Network settings > Enabling CNI": pods communicate across the cluster).
  if (boundaries.unitInternal) {
    flows.add({ boundary: 'unit-ingress', direction: 'INGRESS', protocol: 'all', peers: boundaries.unitInternal.ranges, targetPools: unitPools, references: [catalog.unsupported('network-policy').reference] });
  }

  // SBC to the voice services: SIP on the documented ports, RTP on the configured range.
  if (boundaries.sbc) {
    const realtime = poolsOf(['realtime']);
    for (const c of catalog.connections.filter((c) => c.sourcePlacement === 'sbc' && c.destinationPlacement === 'cluster' && !c.crossRegion)) {
      flows.addConnection('sbc-ingress', 'INGRESS', c, boundaries.sbc.sourceRanges, realtime, rtpRange, rtpReference);
    }
  }

  // Other units of the unit group reaching this one (002 #22: remote Redis), when the store runs here.
  if (boundaries.crossRegion && boundaries.crossRegion.peerRanges.length > 0) {
    for (const c of catalog.connections.filter((c) => c.crossRegion)) {
      const reachesCluster = c.destinationPlacement === 'cluster' || (c.destinationPlacement === 'data-store' && boundaries.dataStores.placement === 'in-cluster');
      if (!reachesCluster) continue;
      const target = c.destinationPlacement === 'data-store' && unitPools.includes('thirdParty') ? ['thirdParty' as const] : unitPools;
      flows.addConnection('cross-region-ingress', 'INGRESS', c, boundaries.crossRegion.peerRanges, target, undefined, undefined, storePorts(catalog, c.destinationStore));
    }
  }

  // Pods to third-party data stores that run outside the cluster: exactly the documented ports of the stores in use.
  if (boundaries.dataStores.placement === 'subnet') {
    for (const store of boundaries.dataStores.stores) {
      for (const c of catalog.connections.filter((c) => c.destinationStore === store && !c.crossRegion)) {
        flows.addConnection('data-store-egress', 'EGRESS', c, [boundaries.dataStores.cidr], unitPools, undefined, undefined, storePorts(catalog, store));
      }
      const dependency = catalog.dependency(store);
      for (const spec of dependency?.ports ?? []) {
        for (const protocol of ['tcp'] as const) {
          flows.add({ boundary: 'data-store-egress', direction: 'EGRESS', protocol, ports: portRange(spec), peers: [boundaries.dataStores.cidr], targetPools: unitPools, references: [dependency!.reference] });
        }
      }
    }
  }

  if (boundaries.egressLockdown) {
    // The unit still reaches itself (pods on other nodes, services, the control plane's peering).
    flows.add({ boundary: 'unit-egress', direction: 'EGRESS', protocol: 'all', peers: boundaries.unitRanges, targetPools: unitPools, references: [catalog.unsupported('network-policy').reference] });
    if (boundaries.sbc) {
      for (const c of catalog.connections.filter((c) => c.sourcePlacement === 'cluster' && c.destinationPlacement === 'sbc' && !c.crossRegion)) {
        flows.addConnection('sbc-egress', 'EGRESS', c, boundaries.sbc.sourceRanges, poolsOf(['realtime']), rtpRange, rtpReference);
      }
    }
    if (boundaries.crossRegion) {
      for (const c of catalog.connections.filter((c) => c.crossRegion)) {
        const peers = c.destinationPlacement === 'sbc' ? boundaries.crossRegion.peerSbcRanges : boundaries.crossRegion.peerRanges;
        if (peers.length === 0) continue;
        flows.addConnection('cross-region-egress', 'EGRESS', c, peers, c.destinationPlacement === 'sbc' ? poolsOf(['realtime']) : unitPools, undefined, undefined, storePorts(catalog, c.destinationStore));
      }
    }
    for (const entry of externalEgressPorts(catalog)) {
      for (const spec of entry.ports) {
        flows.add({ boundary: 'external-egress', direction: 'EGRESS', protocol: 'tcp', ports: portRange(spec), peers: ['0.0.0.0/0'], targetPools: unitPools, references: [entry.reference] });
      }
    }
  }
  return flows.merged();
}

/**
 * Egress to services outside the unit that 003's "List by service" table documents: e-mail (SMTP 25/587,
 * IMAPS 993) and HTTPS 443 for Intelligent Workload Distribution, and SFTP/FTP (20, 21, 22) for CX Contact.
 */
export function externalEgressPorts(catalog: Catalog) {
  const wanted: ReadonlyArray<[string, string]> = [
    ['Intelligent Workload Distribution', '587'],
    ['CX Contact', '22'],
  ];
  return wanted.map(([service, port]) => {
    const entry = catalog.servicePorts.find((p) => p.service === service && p.ports.includes(port));
    if (!entry) throw new Error(`catalog has no "${service}" row with port ${port} in the by-service ports table`);
    return entry;
  });
}

function rtpRangeReference(catalog: Catalog): Reference | undefined {
  return catalog.servicePorts.find((p) => p.protocol === 'RTP/RTCP' && p.ports.includes('20000-45000'))?.reference;
}

/** Documented ports of a data store (used where a connection leaves the port to the store's configuration). */
function storePorts(catalog: Catalog, store: DataStoreKind | undefined): readonly string[] {
  return (store && catalog.dependency(store)?.ports) || [];
}

/** Collects flows and merges identical ones, keeping every reference. */
class FlowCollector {
  private readonly flows = new Map<string, DocumentedFlow>();

  add(flow: DocumentedFlow): void {
    if (flow.peers.length === 0 || flow.targetPools.length === 0) return;
    const key = [flow.boundary, flow.direction, flow.protocol, flow.ports?.from, flow.ports?.to, [...flow.peers].sort(), [...flow.targetPools].sort()].join('|');
    const existing = this.flows.get(key);
    const references = existing ? [...existing.references, ...flow.references] : flow.references;
    const unique = references.filter((r, i) => references.findIndex((o) => o.document === r.document && o.table === r.table && o.row === r.row) === i);
    this.flows.set(key, { ...flow, peers: [...flow.peers].sort(), targetPools: [...flow.targetPools].sort(), references: unique });
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
    return [...this.flows.values()].sort((a, b) => a.boundary.localeCompare(b.boundary) || a.protocol.localeCompare(b.protocol) || (a.ports?.from ?? 0) - (b.ports?.from ?? 0));
  }
}
