import { DataStoreKind, ExternalPeerKind, NodePoolKind, Transport } from '../architecture/types';

/**
 * What a unit opens across its cluster boundary, as declared by its configuration. A construct records
 * this in the stack's metadata (see UnitMetadata) so that policies can compute the documented flows
 * from a synthesized `cdk.tf.json` alone.
 */
export interface UnitBoundaries {
  readonly unit: string;
  /**
   * The unit's node pool kinds, each with the cloud's selector for its pools. On GCP the selector is the
   * pool's network tag (the key keeps that name, since stacks already carry it); another cloud's evaluator
   * documents what its selector is. The flow model reads only the keys (which kinds the unit has).
   */
  readonly nodeTags: Readonly<Partial<Record<NodePoolKind, string>>>;
  /** The unit's own ranges (subnet, pods, services): egress lockdown still lets the unit reach itself. */
  readonly unitRanges: readonly string[];
  readonly ingress: IngressBoundary;
  /** Absent: the voice boundary is closed (no SBC rule). */
  readonly sbc?: SbcBoundary;
  readonly dataStores: DataStorePlacement;
  /** The managed file storage the unit's storage classes provision (absent: none, or no reserved range). */
  readonly fileStorage?: FileStorageBoundary;
  /** Absent: the unit has no peers (a unit group of one). */
  readonly crossRegion?: CrossRegionBoundary;
  /**
   * Ranges of the servers outside the unit that its services reach (mail: SMTP relay / IMAP; sftp: SFTP
   * servers), by kind. Absent kind: 0.0.0.0/0, which network.external-peers reports under egress lockdown.
   */
  readonly externalPeers?: Readonly<Partial<Record<ExternalPeerKind, readonly string[]>>>;
  /**
   * Ranges of the unit's own nodes and pods whose traffic to every pool the cloud's access rules must
   * allow explicitly (Azure: a subnet NSG that denies everything else also denies intra-VNet traffic).
   * Absent: the cloud lets the cluster's own traffic through outside the unit's rules (GKE).
   */
  readonly unitInternal?: { readonly ranges: readonly string[] };
  /**
   * The whole address space of the network the unit's subnets are in, when the stack does not declare that
   * network (an existing VNet): what Azure's VirtualNetwork service tag covers besides peered networks.
   * Absent: the network is in the stack, or the cloud does not need it.
   */
  readonly networkRanges?: readonly string[];
  /** Deny all egress except the documented egress flows. */
  readonly egressLockdown: boolean;
}

export interface IngressBoundary {
  /** Who may reach the ingress controller's load balancer on the documented HTTPS port. */
  readonly sourceRanges: readonly string[];
  /** The cloud's load-balancer health-check source ranges (GCP: lib/gcp/health-checks.ts). */
  readonly healthCheckRanges: readonly string[];
  readonly healthCheckPort: number;
  /** Node pools where ingress-nginx runs. */
  readonly targetPools: readonly NodePoolKind[];
}

export interface SbcBoundary {
  readonly sourceRanges: readonly string[];
  /** RTP media range: the voice table says "Negotiated"; 003's ports table gives 20000-45000. */
  readonly rtpPortRange: string;
  /**
   * The SBC's own RTP media range, the destination of RTP egress to the SBC (voice table rows 11 and 15,
   * "Negotiated"). No document gives it (it is the SBC vendor's configuration).
   * @default - absent: the unit did not declare it, and rtpPortRange is assumed
   */
  readonly sbcRtpPortRange?: string;
}

/** The SBC's media range as the unit declared it, or the assumption that it is the unit's own. */
export function sbcRtpPortRange(sbc: SbcBoundary): string {
  return sbc.sbcRtpPortRange ?? sbc.rtpPortRange;
}

export type DataStorePlacement =
  | { readonly placement: 'in-cluster' }
  | {
    readonly placement: 'subnet';
    readonly cidr: string;
    /** The stores in the data subnet. */
    readonly stores: readonly DataStoreKind[];
    /** Stores that still run in the cluster (reached as the unit itself). */
    readonly inCluster?: readonly DataStoreKind[];
    /** Stores elsewhere (a managed service, another network), by kind, at these ranges. */
    readonly external?: Readonly<Partial<Record<DataStoreKind, readonly string[]>>>;
  };

/** Where a unit says its data stores live, whatever the cloud: the unit constructs' data-store props. */
export interface DeclaredDataStores {
  readonly unitName: string;
  readonly serviceGroups?: readonly string[];
  readonly dataStoreSubnetCidr?: string;
  readonly dataStores?: readonly DataStoreKind[];
  readonly inClusterDataStores?: readonly DataStoreKind[];
  readonly externalDataStores?: Partial<Record<DataStoreKind, readonly string[]>>;
}

/** The data-store boundary of a unit's props: every store in the cluster unless a data subnet is given. */
export function dataStorePlacement(unit: DeclaredDataStores): DataStorePlacement {
  if (unit.dataStoreSubnetCidr === undefined) return { placement: 'in-cluster' };
  return {
    placement: 'subnet', cidr: unit.dataStoreSubnetCidr, stores: unit.dataStores ?? [],
    ...(unit.inClusterDataStores ? { inCluster: unit.inClusterDataStores } : {}),
    ...(unit.externalDataStores ? { external: unit.externalDataStores } : {}),
  };
}

/** Managed file storage (GCP: Filestore) that pods mount over NFS, allocated from a range the unit reserves. */
export interface FileStorageBoundary {
  /** The storage classes of the catalog whose volumes live there. */
  readonly storageClasses: readonly string[];
  /** The reserved range the instances are allocated from. */
  readonly cidr: string;
  /** What an NFS client opens to it (the cloud's fact, recorded by the construct). */
  readonly ports: ReadonlyArray<{ readonly protocol: Transport; readonly ports: readonly string[] }>;
}

export interface CrossRegionBoundary {
  /** Subnet and pod ranges of the other units of the unit group. */
  readonly peerRanges: readonly string[];
  /** SBC ranges of the other units (003 voice table, connection 2 to "SBC (Cross-Region)"). */
  readonly peerSbcRanges: readonly string[];
  /** Data-store subnets of the other units, where their stores run outside their clusters (002 #22: remote Redis). */
  readonly peerDataStoreRanges?: readonly string[];
  /** The other units' networks, which the unit peers with (003 "Unit groups"). */
  readonly peerNetworks?: readonly string[];
  /**
   * The other units' whole network address spaces, when wider than peerRanges (AKS: the peered VNets, which
   * Azure's VirtualNetwork service tag covers). Absent: peerRanges.
   */
  readonly peerNetworkRanges?: readonly string[];
}

/** What the cross-region flows need of another unit of the group, whatever its cloud. */
export interface CrossRegionPeer {
  readonly sbcSourceRanges?: readonly string[];
  readonly dataStoreSubnetCidr?: string;
}

/**
 * The cross-region boundary of a unit whose peers are reached at `rangesOf(peer)` (their nodes and pods):
 * their SBCs and, where their stores run outside their clusters, their data subnets (002 #22: remote Redis).
 * Undefined for a unit group of one.
 */
export function crossRegionBoundary<P extends CrossRegionPeer>(peers: readonly P[], rangesOf: (peer: P) => readonly string[]): CrossRegionBoundary | undefined {
  if (peers.length === 0) return undefined;
  const peerDataStoreRanges = peers.flatMap((p) => (p.dataStoreSubnetCidr ? [p.dataStoreSubnetCidr] : []));
  return {
    peerRanges: peers.flatMap(rangesOf),
    peerSbcRanges: peers.flatMap((p) => p.sbcSourceRanges ?? []),
    ...(peerDataStoreRanges.length > 0 ? { peerDataStoreRanges } : {}),
  };
}

/** The node pool kinds a unit has, in a fixed order. */
export function unitPoolKinds(boundaries: UnitBoundaries): NodePoolKind[] {
  return (['general', 'realtime', 'thirdParty'] as const).filter((kind) => boundaries.nodeTags[kind] !== undefined);
}

/**
 * A unit stack records what policies need under the top-level `"//"` key of its cdk.tf.json:
 * `{ "//": { "cxunit": { "boundaries": UnitBoundaries, "serviceGroups": ["gws", ...] } } }`.
 */
export const CXUNIT_METADATA_KEY = 'cxunit';

export interface UnitMetadata {
  readonly boundaries: UnitBoundaries;
  /** Enabled service groups: keys of the catalog's namespaces.yaml. */
  readonly serviceGroups: readonly string[];
}
