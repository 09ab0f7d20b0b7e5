import { Catalog } from '../architecture/catalog';
import { parsePortSpec } from '../architecture/ports';
import { DataStoreKind, NodePoolKind } from '../architecture/types';
import { AddressBlock } from '../network/cidr';
import { undeclaredDataStoresProblem } from '../network/documented-flows';
import { machineShape, machineTypeProblem } from './machine-types';
import {
  blockSize, parseIpv4Range, peerDataStoreSubnetProblem, peerOverlapProblem, POD_ADDRESSES_PER_NODE, prefixFor, rangeSizeProblem, UNIT_RANGE_NAMES,
  UnitRangeName, unitOverlapProblem,
} from './unit-ranges';

export type ReleaseChannel = 'RAPID' | 'REGULAR' | 'STABLE' | 'EXTENDED';
export const RELEASE_CHANNELS: readonly ReleaseChannel[] = ['RAPID', 'REGULAR', 'STABLE', 'EXTENDED'];
export type UnitRole = 'primary' | 'secondary';
export const DATA_STORE_KINDS: readonly DataStoreKind[] = ['postgres', 'redis', 'kafka', 'consul', 'elasticsearch', 'mssql'];

/**
 * RTP media ports: 003's voice table prints "Negotiated"; 003 "Communication ports and protocols:
 * List by service" gives RTP/RTCP 20000-45000 (Genesys Voice Platform, row 11).
 */
export const DEFAULT_RTP_PORT_RANGE = '20000-45000';

/**
 * Health-check port of the network load balancer in front of ingress-nginx: kube-proxy's health
 * endpoint (`/healthz` on 10256), which GKE's target-pool network load balancers probe for a Service
 * with `externalTrafficPolicy: Cluster` (ingress-nginx's chart default). With `Local`, give the
 * Service's `healthCheckNodePort` instead.
 */
export const DEFAULT_HEALTH_CHECK_PORT = 10256;

/** Another unit of the unit group, as this unit sees it (cross-region rules and range overlap checks). */
export interface PeerUnit {
  readonly unitName: string;
  readonly subnetCidr: string;
  readonly podsCidr: string;
  readonly servicesCidr: string;
  /**
   * Source ranges of the peer unit's session border controllers (003 voice table, connection 2 to
   * "SBC (Cross-Region)").
   * @default - the peer has no SBC: no cross-region SIP rule
   */
  readonly sbcSourceRanges?: string[];
  /**
   * The peer's data-store subnet, where its stores run outside its cluster (002 connection 22: Tenant
   * Service to the remote Redis).
   * @default - the peer's stores run in its cluster
   */
  readonly dataStoreSubnetCidr?: string;
  /**
   * The peer's VPC network (`projects/<project>/global/networks/<name>`; on Shared VPC, the host
   * project's network): the unit creates its side of the peering to it.
   * @default - no peering is created, and gke.unit-peering reports the unit's cross-region flows
   */
  readonly network?: string;
}

export interface GkeUnitProps {
  /** Short name of the unit (`usw1`): prefixes every resource name and network tag. */
  readonly unitName: string;
  /** Project of the cluster, its node service account and address. */
  readonly project: string;
  /** Region of the regional cluster (`us-west1`). */
  readonly region: string;
  /** At least three zones of the region (`us-west1-a`): the cluster's node locations. */
  readonly zones: string[];
  /** Primary range of the subnet: node addresses. */
  readonly subnetCidr: string;
  /** Secondary range for pod addresses (VPC-native, alias IPs). */
  readonly podsCidr: string;
  /** Secondary range for Service ClusterIPs. */
  readonly servicesCidr: string;

  /**
   * The architecture catalog the unit is built from.
   * @default Catalog.default() - the built-in catalog of lib/architecture/data
   */
  readonly catalog?: Catalog;
  /**
   * Role of the unit in its unit group (003 "Units": one primary per group); recorded as a cluster label.
   * @default 'primary'
   */
  readonly role?: UnitRole;

  /**
   * Name of an existing VPC network to use instead of creating one (Shared VPC).
   * @default - a new VPC named `<unitName>-vpc` with a subnet `<unitName>-nodes`
   */
  readonly existingNetworkName?: string;
  /**
   * Name of an existing subnet of `existingNetworkName` with the two secondary ranges.
   * @default - required when existingNetworkName is given
   */
  readonly existingSubnetName?: string;
  /**
   * Project that owns the network (the Shared VPC host project); firewall rules are created there.
   * @default - the unit's project
   */
  readonly networkProject?: string;
  /**
   * Name of the pods secondary range.
   * @default 'pods'
   */
  readonly podsRangeName?: string;
  /**
   * Name of the Services secondary range.
   * @default 'services'
   */
  readonly servicesRangeName?: string;

  /**
   * GKE release channel.
   * @default 'REGULAR'
   */
  readonly releaseChannel?: ReleaseChannel;
  /**
   * Minimum control-plane version; must be at least the documented minimum (003 "Software
   * requirements": Kubernetes 1.25).
   * @default - not pinned: the release channel chooses the version, and every GKE release channel
   * offers only versions above the documented minimum (pinning 1.25 itself would fail at apply:
   * GKE no longer offers it)
   */
  readonly minMasterVersion?: string;
  /**
   * Terraform refuses to destroy the cluster while this is true.
   * @default true
   */
  readonly deletionProtection?: boolean;

  /**
   * Machine type of the general node pool: 4 GB memory per vCPU (003 "Deployment > Node pools").
   * @default 'n2-standard-8'
   */
  readonly generalMachineType?: string;
  /** @default 1 */
  readonly generalMinNodesPerZone?: number;
  /** @default 5 */
  readonly generalMaxNodesPerZone?: number;
  /**
   * Machine type of the real-time node pool: general-purpose, 4 GB memory per vCPU.
   * @default 'n2-standard-8'
   */
  readonly realtimeMachineType?: string;
  /** @default 1 */
  readonly realtimeMinNodesPerZone?: number;
  /** @default 3 */
  readonly realtimeMaxNodesPerZone?: number;
  /**
   * How long the old real-time nodes stay up during an upgrade (blue-green node pool soak), so that
   * voice sessions drain.
   * @default - the catalog's minimum drain time of the real-time pool (003: 60 minutes)
   */
  readonly realtimeDrainMinutes?: number;
  /**
   * Machine type of the optional third-party node pool: 8 GB memory per vCPU with local NVMe SSD.
   * @default - no third-party node pool
   */
  readonly thirdPartyMachineType?: string;
  /** @default 1 */
  readonly thirdPartyMinNodesPerZone?: number;
  /** @default 3 */
  readonly thirdPartyMaxNodesPerZone?: number;
  /**
   * Local NVMe SSD disks per third-party node (raw block).
   * @default - 1 for machine types that attach local SSD by count; 0 (all bundled disks) for Z3 and `-lssd` types
   */
  readonly thirdPartyLocalSsdCount?: number;
  /**
   * Boot disk size of every node, in GB (pd-ssd).
   * @default 100
   */
  readonly diskSizeGb?: number;

  /**
   * Who may reach the ingress controller's load balancer on the documented HTTPS port.
   * @default ['0.0.0.0/0']
   */
  readonly ingressSourceRanges?: string[];
  /**
   * Node pools where ingress-nginx runs (the load balancer's backends).
   * @default ['general']
   */
  readonly ingressNodePools?: NodePoolKind[];
  /**
   * Port that Google's health checkers probe on the ingress node pools.
   * @default 10256 - kube-proxy's health endpoint, see DEFAULT_HEALTH_CHECK_PORT
   */
  readonly healthCheckPort?: number;
  /**
   * Source ranges of the session border controllers that send SIP and RTP to the voice services.
   * @default - no SBC rule is created, and the unit's voice boundary is recorded as closed
   */
  readonly sbcSourceRanges?: string[];
  /**
   * RTP media port range between the SBCs and the voice services.
   * @default '20000-45000' - 003 "Communication ports and protocols: List by service", Genesys Voice Platform row 11
   */
  readonly rtpPortRange?: string;
  /**
   * The SBCs' own RTP media port range: the destination of RTP from the voice services to the SBCs under
   * egress lockdown (003 voice table rows 11 and 15 say only "Negotiated"; no document gives the SBC's
   * range, which is the SBC vendor's configuration).
   * @default - rtpPortRange, recorded as an assumption on the unit's page (docs/units/<unit>.md)
   */
  readonly sbcRtpPortRange?: string;
  /**
   * Range of the subnet where the third-party data stores run, when they run outside the cluster.
   * @default - the data stores run in the cluster: no data-store rule
   */
  readonly dataStoreSubnetCidr?: string;
  /**
   * The data stores in dataStoreSubnetCidr: the rule opens exactly their documented ports.
   * @default - none; required with dataStoreSubnetCidr
   */
  readonly dataStores?: DataStoreKind[];
  /**
   * Stores that run in the cluster although others are in dataStoreSubnetCidr.
   * @default - none (without dataStoreSubnetCidr: every store runs in the cluster)
   */
  readonly inClusterDataStores?: DataStoreKind[];
  /**
   * Stores that run neither in the cluster nor in the data subnet (a managed service, another network),
   * by kind, with their ranges: egress opens their documented ports to exactly those ranges.
   * @default - none
   */
  readonly externalDataStores?: Partial<Record<DataStoreKind, string[]>>;
  /**
   * Range the Filestore instances of `redundant-rwx` are allocated from (storage class parameter
   * `reserved-ipv4-cidr`; on a Shared VPC network, the range of `filestoreReservedRangeName`). Egress
   * lockdown opens NFS to exactly this range.
   * @default - Filestore picks a free range; required with egressLockdown (NFS could not be opened)
   */
  readonly filestoreReservedCidr?: string;
  /**
   * On a Shared VPC network (private services access): the name of the allocated range whose CIDR is
   * filestoreReservedCidr (storage class parameter `reserved-ip-range`).
   * @default - none; required with filestoreReservedCidr on a Shared VPC network
   */
  readonly filestoreReservedRangeName?: string;
  /**
   * Ranges of the mail servers (SMTP relay, IMAP) that the unit's services reach: IWD's e-mail ports
   * (003 "List by service", Intelligent Workload Distribution row 2).
   * @default - every address (0.0.0.0/0), which network.external-peers reports as a warning under egress lockdown
   */
  readonly mailServerRanges?: string[];
  /**
   * Ranges of the SFTP / FTP servers that the unit's services reach: CX Contact's (003 "List by service", row 4).
   * @default - every address (0.0.0.0/0), which network.external-peers reports as a warning under egress lockdown
   */
  readonly sftpServerRanges?: string[];
  /**
   * The other units of the unit group (cross-region rules, and no range may overlap theirs).
   * @default - none: a unit group of one, no cross-region rule
   */
  readonly peerUnits?: PeerUnit[];
  /**
   * Deny all egress at low priority and allow only the documented egress flows.
   * @default false
   */
  readonly egressLockdown?: boolean;

  /**
   * Cloud DNS managed zone for the wildcard record `*.<dnsDomain>` pointing at the ingress address.
   * @default - no DNS record
   */
  readonly dnsManagedZone?: string;
  /**
   * Domain under which the services are reached (`usw1.cx.example.com`); required with dnsManagedZone.
   * @default - no DNS record
   */
  readonly dnsDomain?: string;
  /**
   * Project of the managed zone.
   * @default - the unit's project
   */
  readonly dnsProject?: string;

  /**
   * Enabled service groups (keys of the catalog's namespaces table): one namespace each, and the flows of their services.
   * @default - every service group of 003 "Creating namespaces" (a secondary unit: the voice-related ones, 003 "Units")
   */
  readonly serviceGroups?: string[];

  /**
   * Evaluate every rule on the unit's stack when it is synthesized: an unsuppressed error finding fails
   * `cdktf synth`. `false` leaves the stack unchecked at synth time (`cxunit check` and the Jest suite
   * still check the output).
   * @default true
   */
  readonly enforcePolicies?: boolean;
}

/** Props without a default: absent stays absent. */
type PropsWithoutDefault = 'existingNetworkName' | 'existingSubnetName' | 'thirdPartyMachineType' | 'sbcSourceRanges' | 'dataStoreSubnetCidr'
  | 'dnsManagedZone' | 'dnsDomain' | 'minMasterVersion' | 'filestoreReservedCidr' | 'filestoreReservedRangeName' | 'mailServerRanges'
  | 'sftpServerRanges' | 'inClusterDataStores' | 'externalDataStores' | 'sbcRtpPortRange';

/** GkeUnitProps with every default applied. */
export type ResolvedGkeUnitProps = Required<Omit<GkeUnitProps, PropsWithoutDefault>> & Pick<GkeUnitProps, PropsWithoutDefault>;

export function resolveGkeUnitProps(props: GkeUnitProps): ResolvedGkeUnitProps {
  const catalog = props.catalog ?? Catalog.default();
  const thirdPartyShape = props.thirdPartyMachineType !== undefined ? machineShape(props.thirdPartyMachineType) : undefined;
  const bundled = typeof thirdPartyShape === 'object' && thirdPartyShape.localSsd === 'bundled';
  return {
    ...props,
    catalog,
    ...sharedUnitDefaults(props, catalog),
    networkProject: props.networkProject ?? props.project,
    podsRangeName: props.podsRangeName ?? 'pods',
    servicesRangeName: props.servicesRangeName ?? 'services',
    releaseChannel: props.releaseChannel ?? 'REGULAR',
    deletionProtection: props.deletionProtection ?? true,
    generalMachineType: props.generalMachineType ?? 'n2-standard-8',
    realtimeMachineType: props.realtimeMachineType ?? 'n2-standard-8',
    thirdPartyLocalSsdCount: props.thirdPartyLocalSsdCount ?? (bundled ? 0 : 1),
    diskSizeGb: props.diskSizeGb ?? 100,
    peerUnits: props.peerUnits ?? [],
    dnsProject: props.dnsProject ?? props.project,
  };
}

/** Props both unit constructs (GkeUnit, AksUnit) take, with the same meaning and default. */
export type SharedUnitProps = Pick<GkeUnitProps, 'role' | 'generalMinNodesPerZone' | 'generalMaxNodesPerZone' | 'realtimeMinNodesPerZone'
  | 'realtimeMaxNodesPerZone' | 'realtimeDrainMinutes' | 'thirdPartyMinNodesPerZone' | 'thirdPartyMaxNodesPerZone' | 'ingressSourceRanges'
  | 'ingressNodePools' | 'healthCheckPort' | 'rtpPortRange' | 'dataStores' | 'egressLockdown' | 'serviceGroups' | 'enforcePolicies'>;

/** The defaults of the shared props, as documented on GkeUnitProps. */
export function sharedUnitDefaults(props: SharedUnitProps, catalog: Catalog): Required<SharedUnitProps> {
  return {
    role: props.role ?? 'primary',
    generalMinNodesPerZone: props.generalMinNodesPerZone ?? 1,
    generalMaxNodesPerZone: props.generalMaxNodesPerZone ?? 5,
    realtimeMinNodesPerZone: props.realtimeMinNodesPerZone ?? 1,
    realtimeMaxNodesPerZone: props.realtimeMaxNodesPerZone ?? 3,
    realtimeDrainMinutes: props.realtimeDrainMinutes ?? catalog.nodePool('realtime').minimumDrainMinutes ?? 60,
    thirdPartyMinNodesPerZone: props.thirdPartyMinNodesPerZone ?? 1,
    thirdPartyMaxNodesPerZone: props.thirdPartyMaxNodesPerZone ?? 3,
    ingressSourceRanges: props.ingressSourceRanges ?? ['0.0.0.0/0'],
    ingressNodePools: props.ingressNodePools ?? ['general'],
    healthCheckPort: props.healthCheckPort ?? DEFAULT_HEALTH_CHECK_PORT,
    rtpPortRange: props.rtpPortRange ?? DEFAULT_RTP_PORT_RANGE,
    dataStores: props.dataStores ?? [],
    egressLockdown: props.egressLockdown ?? false,
    // 003 "Units": a secondary unit only supports voice-related services.
    serviceGroups: props.serviceGroups ?? catalog.serviceGroups.filter((g) => props.role !== 'secondary' || g.secondaryUnit).map((g) => g.key),
    enforcePolicies: props.enforcePolicies ?? true,
  };
}

/** What is wrong with a unit's sbcRtpPortRange (both unit constructs), or undefined. */
export function sbcRtpPortRangeProblem(props: Pick<GkeUnitProps, 'sbcRtpPortRange' | 'sbcSourceRanges'>, known: (value: unknown) => boolean): string | undefined {
  const range = props.sbcRtpPortRange;
  if (range === undefined || !known(range)) return undefined;
  if (props.sbcSourceRanges === undefined) return `sbcRtpPortRange "${range}" is given without sbcSourceRanges: give the SBCs' source ranges too, or remove sbcRtpPortRange`;
  const parsed = parsePortSpec(range);
  return typeof parsed === 'string' ? `sbcRtpPortRange "${range}" is not a port range: write the SBC's media range as "16384-32767"` : undefined;
}

/** A network as `projects/<project>/global/networks/<name>`, which VPC Network Peering accepts as peer_network. */
export function networkPath(project: string, name: string): string {
  return `projects/${project}/global/networks/${name}`;
}

/** A problem with one prop (and element, for lists): the message shows the bad value and the fix. */
export interface PropProblem {
  readonly prop: keyof GkeUnitProps;
  readonly index?: number;
  /** For peerUnits: the peer's own prop. */
  readonly peerProp?: keyof PeerUnit;
  readonly message: string;
}

/** A value that will only be known at deploy time (a Terraform reference): not validated here. */
export type IsUnresolved = (value: unknown) => boolean;

const UNIT_NAME = /^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$/;
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const REGION = /^[a-z]+-[a-z]+[0-9]+$/;
const GKE_VERSION = /^(\d+)\.(\d+)(?:\.\d+(?:-gke\.\d+)?)?$/;
const RESOURCE_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DOMAIN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$/;

const POOL_TITLES: Readonly<Record<NodePoolKind, string>> = { general: 'general', realtime: 'real-time', thirdParty: 'third-party' };

/**
 * Every problem with a unit's props, checked before anything is built. The same checks serve the
 * construct (which throws) and the units.yaml loader (which locates each problem in the file).
 */
export function gkeUnitPropProblems(props: GkeUnitProps, isUnresolved: IsUnresolved = () => false): PropProblem[] {
  const problems: PropProblem[] = [];
  const add = (prop: keyof GkeUnitProps, message: string, index?: number, peerProp?: keyof PeerUnit) =>
    problems.push({ prop, message, ...(index !== undefined ? { index } : {}), ...(peerProp ? { peerProp } : {}) });
  const known = (value: unknown) => value !== undefined && !isUnresolved(value);
  const r = resolveGkeUnitProps(props);
  const catalog = r.catalog;
  const unit = r.unitName;

  if (known(r.unitName) && !UNIT_NAME.test(r.unitName)) {
    add('unitName', `unit name "${r.unitName}" is not valid: use 1-20 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (it prefixes resource names and network tags)`);
  }
  for (const prop of ['project', 'networkProject', 'dnsProject'] as const) {
    const value = props[prop];
    if (known(value) && !PROJECT_ID.test(value!)) {
      add(prop, `${prop} "${value}" is not a Google Cloud project ID: use 6-30 lowercase letters, digits and hyphens, starting with a letter`);
    }
  }
  checkZones(r, known, add);
  const own = checkUnitRanges(r, known, add);
  checkNodePools(r, known, add, own.get('podsCidr'), own.get('subnetCidr'));

  if (known(r.releaseChannel) && !RELEASE_CHANNELS.includes(r.releaseChannel)) {
    add('releaseChannel', `release channel "${r.releaseChannel}" is not a GKE release channel: use one of ${RELEASE_CHANNELS.join(', ')}`);
  }
  if (r.minMasterVersion !== undefined && known(r.minMasterVersion)) {
    const minimum = catalog.version('kubernetes');
    const version = GKE_VERSION.exec(r.minMasterVersion);
    const [minMajor, minMinor] = minimum.minimum.split('.').map(Number);
    if (!version) {
      add('minMasterVersion', `minMasterVersion "${r.minMasterVersion}" is not a GKE version: write it as "1.30" or "1.30.5-gke.1014001"`);
    } else if (Number(version[1]) < minMajor || (Number(version[1]) === minMajor && Number(version[2]) < minMinor)) {
      add('minMasterVersion', `minMasterVersion "${r.minMasterVersion}" is below the documented minimum ${minimum.minimum} (${cite(minimum.reference.document, minimum.section)}: "${minimum.printed}"): use "${minimum.minimum}" or later`);
    }
  }
  const names = { podsRangeName: 'pods range name', servicesRangeName: 'Services range name', existingNetworkName: 'network name', existingSubnetName: 'subnet name', dnsManagedZone: 'DNS managed zone' } as const;
  for (const [prop, label] of Object.entries(names) as Array<[keyof typeof names, string]>) {
    const value = r[prop];
    if (known(value) && !RESOURCE_NAME.test(value!)) {
      add(prop, `${label} "${value}" is not a Google Cloud resource name: use up to 63 lowercase letters, digits and hyphens, starting with a letter`);
    }
  }
  if (known(r.podsRangeName) && r.podsRangeName === r.servicesRangeName) {
    add('servicesRangeName', `Services range name "${r.servicesRangeName}" is also the pods range name: give the two secondary ranges different names`);
  }
  if ((r.existingNetworkName === undefined) !== (r.existingSubnetName === undefined)) {
    const [given, missing] = r.existingNetworkName === undefined ? ['existingSubnetName', 'existingNetworkName'] as const : ['existingNetworkName', 'existingSubnetName'] as const;
    add(given, `${given} is given without ${missing}: give both the existing network and its subnet, or neither to create a VPC`);
  }
  if ((r.dnsManagedZone === undefined) !== (r.dnsDomain === undefined)) {
    const [given, missing] = r.dnsManagedZone === undefined ? ['dnsDomain', 'dnsManagedZone'] as const : ['dnsManagedZone', 'dnsDomain'] as const;
    add(given, `${given} is given without ${missing}: give both the managed zone and the domain for the wildcard record, or neither`);
  }
  if (known(r.dnsDomain) && !DOMAIN.test(r.dnsDomain!)) {
    add('dnsDomain', `DNS domain "${r.dnsDomain}" is not a domain name: write it as "usw1.cx.example.com"`);
  }

  checkBoundaries(r, known, add, own);
  checkFilestoreRange(r, known, add, own);
  checkRequiredDataStores(r, known, add);
  checkServiceGroups(r, known, add);
  checkPeers(r, known, add, own, unit);
  return problems;
}

type Add = (prop: keyof GkeUnitProps, message: string, index?: number, peerProp?: keyof PeerUnit) => void;
type Known = (value: unknown) => boolean;

function checkZones(r: ResolvedGkeUnitProps, known: Known, add: Add): void {
  if (!known(r.region)) return;
  if (!REGION.test(r.region)) {
    add('region', `region "${r.region}" is not a Google Cloud region: write it as "us-west1"`);
    return;
  }
  if (!Array.isArray(r.zones) || !known(r.zones)) return;
  // Zones that agree on another region: the region (or every zone) has a typo, reported once.
  const zoneRegions = new Set(r.zones.map((zone) => (typeof zone === 'string' && /^[a-z]+-[a-z]+\d+-[a-z]$/.test(zone) ? zone.slice(0, -2) : undefined)));
  const [zoneRegion] = zoneRegions;
  if (zoneRegions.size === 1 && zoneRegion !== undefined && zoneRegion !== r.region) {
    add('region', `region "${r.region}" is not the region of the zones (${r.zones.join(', ')}, in "${zoneRegion}"): correct the region, or list zones of "${r.region}"`);
    return;
  }
  const seen = new Set<string>();
  r.zones.forEach((zone, index) => {
    if (!known(zone)) return;
    if (!zone.startsWith(`${r.region}-`) || !/^[a-z]$/.test(zone.slice(r.region.length + 1))) {
      add('zones', `zone "${zone}" is not in region "${r.region}": use a zone of the region, e.g. "${r.region}-a"`, index);
    } else if (seen.has(zone)) {
      add('zones', `zone "${zone}" is listed twice: list each zone once`, index);
    }
    seen.add(zone);
  });
  if (r.zones.length < 3) {
    add('zones', `zones lists ${r.zones.length} zone${r.zones.length === 1 ? '' : 's'} (${r.zones.join(', ') || 'none'}): a unit's cluster is regional with nodes in at least three zones; list three zones of "${r.region}"`);
  }
}

type OwnRanges = Map<string, AddressBlock>;

function checkUnitRanges(r: ResolvedGkeUnitProps, known: Known, add: Add): OwnRanges {
  const own: OwnRanges = new Map();
  for (const name of UNIT_RANGE_NAMES) {
    if (!known(r[name])) continue;
    const block = parseIpv4Range(name, r[name]);
    if (typeof block === 'string') {
      add(name, block);
      continue;
    }
    const small = rangeSizeProblem(name, block);
    if (small) add(name, small);
    const clash = [...own].map(([otherName, other]) => unitOverlapProblem(r.unitName, { name, block }, { name: otherName, block: other })).find((m) => m);
    if (clash) add(name, clash);
    own.set(name, block);
  }
  return own;
}

function checkNodePools(r: ResolvedGkeUnitProps, known: Known, add: Add, pods: AddressBlock | undefined, subnet: AddressBlock | undefined): void {
  const catalog = r.catalog;
  const pools: Array<[NodePoolKind, string | undefined, number, number, keyof GkeUnitProps, keyof GkeUnitProps, keyof GkeUnitProps]> = [
    ['general', r.generalMachineType, r.generalMinNodesPerZone, r.generalMaxNodesPerZone, 'generalMachineType', 'generalMinNodesPerZone', 'generalMaxNodesPerZone'],
    ['realtime', r.realtimeMachineType, r.realtimeMinNodesPerZone, r.realtimeMaxNodesPerZone, 'realtimeMachineType', 'realtimeMinNodesPerZone', 'realtimeMaxNodesPerZone'],
    ['thirdParty', r.thirdPartyMachineType, r.thirdPartyMinNodesPerZone, r.thirdPartyMaxNodesPerZone, 'thirdPartyMachineType', 'thirdPartyMinNodesPerZone', 'thirdPartyMaxNodesPerZone'],
  ];
  for (const [kind, machineType, min, max, typeProp, minProp, maxProp] of pools) {
    if (machineType === undefined) continue;
    const title = POOL_TITLES[kind];
    if (known(machineType)) {
      const problem = machineTypeProblem(catalog.nodePool(kind), machineType);
      if (problem) add(typeProp, problem);
    }
    const minOk = checkCount(min, `minNodesPerZone ${min} of the ${title} node pool`, 1, add, minProp, known, 'at least one node per zone');
    const maxOk = checkCount(max, `maxNodesPerZone ${max} of the ${title} node pool`, 1, add, maxProp, known, 'at least one node per zone');
    if (minOk && maxOk && max < min) {
      add(maxProp, `maxNodesPerZone ${max} of the ${title} node pool is below its minNodesPerZone ${min}: use ${min} or more`);
    }
  }
  if (known(r.realtimeDrainMinutes)) {
    const realtime = catalog.nodePool('realtime');
    const minimum = realtime.minimumDrainMinutes ?? 0;
    if (!Number.isInteger(r.realtimeDrainMinutes) || r.realtimeDrainMinutes < minimum) {
      add('realtimeDrainMinutes', `drainMinutes ${r.realtimeDrainMinutes} of the real-time node pool is below the ${minimum} minutes its voice sessions need to drain (${cite(realtime.reference.document, realtime.reference.table)}): use a whole number of ${minimum} or more`);
    }
  }
  if (r.thirdPartyMachineType !== undefined && known(r.thirdPartyMachineType) && known(r.thirdPartyLocalSsdCount)) {
    const shape = machineShape(r.thirdPartyMachineType);
    if (typeof shape === 'object' && shape.localSsd === 'bundled' && r.thirdPartyLocalSsdCount !== 0) {
      add('thirdPartyLocalSsdCount', `localSsdCount ${r.thirdPartyLocalSsdCount} of the third-party node pool cannot be set for "${r.thirdPartyMachineType}", which comes with its own local SSD disks: omit it (GKE uses every bundled disk)`);
    } else if (typeof shape === 'object' && shape.localSsd === 'attachable' && (!Number.isInteger(r.thirdPartyLocalSsdCount) || r.thirdPartyLocalSsdCount < 1)) {
      add('thirdPartyLocalSsdCount', `localSsdCount ${r.thirdPartyLocalSsdCount} of the third-party node pool gives its nodes no local NVMe SSD (003 "Deployment > Node pools": directly attached NVMe): use a whole number of 1 or more`);
    }
  }
  if (known(r.diskSizeGb) && (!Number.isInteger(r.diskSizeGb) || r.diskSizeGb < 10)) {
    add('diskSizeGb', `diskSizeGb ${r.diskSizeGb} is below GKE's 10 GB minimum boot disk: use a whole number of 10 or more (100 is the default)`);
  }

  // Capacity: every node needs a subnet address and a /24 of pod addresses, at the pools' peak.
  const zones = Array.isArray(r.zones) ? r.zones.length : 0;
  const counts = [r.generalMaxNodesPerZone, r.realtimeMaxNodesPerZone, r.thirdPartyMaxNodesPerZone];
  if (zones === 0 || counts.some((c) => !known(c) || !Number.isInteger(c))) return;
  const perZone = peakNodesPerZone(r);
  const peak = perZone.total * zones;
  const breakdown = `${zones} zones × (general ${r.generalMaxNodesPerZone} + 1 surge, real-time ${r.realtimeMaxNodesPerZone} × 2 during a blue-green upgrade${r.thirdPartyMachineType !== undefined ? `, third-party ${r.thirdPartyMaxNodesPerZone} + 1 surge` : ''})`;
  if (pods && blockSize(pods) / POD_ADDRESSES_PER_NODE < peak) {
    add('podsCidr', `podsCidr ${pods.cidr} holds pod ranges for ${Math.floor(blockSize(pods) / POD_ADDRESSES_PER_NODE)} nodes (a /24 per node), but the node pools can reach ${peak} nodes (${breakdown}): use a /${prefixFor(peak, POD_ADDRESSES_PER_NODE)} or larger, or lower the maxNodesPerZone values`);
  }
  if (subnet && blockSize(subnet) - 4 < peak) {
    add('subnetCidr', `subnetCidr ${subnet.cidr} holds ${blockSize(subnet) - 4} node addresses, but the node pools can reach ${peak} nodes (${breakdown}): use a /${prefixFor(peak + 4, 1)} or larger, or lower the maxNodesPerZone values`);
  }
}

/** Nodes per zone at the peak of an upgrade: general and third-party surge by one; real-time doubles (blue-green). */
export function peakNodesPerZone(r: ResolvedGkeUnitProps): { total: number } {
  const thirdParty = r.thirdPartyMachineType !== undefined ? r.thirdPartyMaxNodesPerZone + 1 : 0;
  return { total: r.generalMaxNodesPerZone + 1 + r.realtimeMaxNodesPerZone * 2 + thirdParty };
}

function checkCount(value: number, what: string, minimum: number, add: Add, prop: keyof GkeUnitProps, known: Known, why: string): boolean {
  if (!known(value)) return false;
  if (!Number.isInteger(value) || value < minimum) {
    add(prop, `${what} must be a whole number of ${minimum} or more (${why}): use ${minimum} or more`);
    return false;
  }
  return true;
}

function checkBoundaries(r: ResolvedGkeUnitProps, known: Known, add: Add, own: OwnRanges): void {
  const ranges = (prop: 'ingressSourceRanges' | 'sbcSourceRanges', values: string[] | undefined) => {
    if (values === undefined || !Array.isArray(values) || !known(values)) return;
    if (values.length === 0) {
      add(prop, `${prop} is empty: give at least one range${prop === 'sbcSourceRanges' ? ', or omit it to close the voice boundary' : ' (or omit it for 0.0.0.0/0)'}`);
    }
    values.forEach((cidr, index) => {
      if (!known(cidr)) return;
      const block = parseIpv4Range(`${prop}[${index}]`, cidr);
      if (typeof block === 'string') return add(prop, block, index);
      if (prop === 'sbcSourceRanges') {
        const clash = [...own].map(([name, other]) => unitOverlapProblem(r.unitName, { name: `${prop}[${index}]`, block }, { name, block: other })).find((m) => m);
        if (clash) add(prop, clash, index);
      }
    });
  };
  ranges('ingressSourceRanges', r.ingressSourceRanges);
  ranges('sbcSourceRanges', r.sbcSourceRanges);

  if (known(r.healthCheckPort) && (!Number.isInteger(r.healthCheckPort) || r.healthCheckPort < 1 || r.healthCheckPort > 65535)) {
    add('healthCheckPort', `healthCheckPort ${r.healthCheckPort} is not a port: use a whole number between 1 and 65535 (${DEFAULT_HEALTH_CHECK_PORT} is kube-proxy's health endpoint)`);
  }
  if (known(r.rtpPortRange)) {
    const parsed = parsePortSpec(r.rtpPortRange);
    if (typeof parsed === 'string') add('rtpPortRange', `RTP port ${parsed}`);
  }
  const sbcRtp = sbcRtpPortRangeProblem(r, known);
  if (sbcRtp) add('sbcRtpPortRange', sbcRtp);
  if (Array.isArray(r.ingressNodePools) && !!known(r.ingressNodePools)) {
    if (r.ingressNodePools.length === 0) add('ingressNodePools', 'ingressNodePools is empty: give the node pools where ingress-nginx runs, e.g. ["general"]');
    r.ingressNodePools.forEach((kind, index) => {
      const exists = kind === 'general' || kind === 'realtime' || (kind === 'thirdParty' && r.thirdPartyMachineType !== undefined);
      if (!exists) add('ingressNodePools', `ingressNodePools names "${kind}", which is not a node pool of this unit: use ${r.thirdPartyMachineType !== undefined ? '"general", "realtime" or "thirdParty"' : '"general" or "realtime"'}`, index);
    });
  }

  const stores = r.dataStores;
  if (r.dataStoreSubnetCidr === undefined) {
    if (stores.length > 0) add('dataStores', `dataStores lists ${stores.join(', ')} but no dataStoreSubnetCidr: give the subnet where they run, or omit dataStores when the data stores run in the cluster`);
    return;
  }
  if (known(r.dataStoreSubnetCidr)) {
    const block = parseIpv4Range('data-store subnet', r.dataStoreSubnetCidr);
    if (typeof block === 'string') {
      add('dataStoreSubnetCidr', block);
    } else {
      const clash = [...own].map(([name, other]) => unitOverlapProblem(r.unitName, { name: 'data-store subnet', block }, { name, block: other })).find((m) => m);
      if (clash) add('dataStoreSubnetCidr', clash);
    }
  }
  if (Array.isArray(stores) && !!known(stores)) {
    if (stores.length === 0) add('dataStores', 'dataStores is empty while dataStoreSubnetCidr is given: list the stores in that subnet (e.g. ["postgres", "redis"]) so that exactly their documented ports are opened');
    const seen = new Set<string>();
    stores.forEach((store, index) => {
      if (!DATA_STORE_KINDS.includes(store)) add('dataStores', `data store "${store}" is not known: use one of ${DATA_STORE_KINDS.join(', ')}`, index);
      else if (seen.has(store)) add('dataStores', `data store "${store}" is listed twice: list each store once`, index);
      seen.add(store);
    });
  }
}

/** Every store the unit's services need has a declared place (lib/network: the check both clouds share). */
function checkRequiredDataStores(r: ResolvedGkeUnitProps, known: Known, add: Add): void {
  if (!known(r.serviceGroups) || !known(r.dataStores)) return;
  const problem = undeclaredDataStoresProblem(r.catalog, r, 'GkeUnit');
  if (problem) add('dataStores', problem);
}

function checkFilestoreRange(r: ResolvedGkeUnitProps, known: Known, add: Add, own: OwnRanges): void {
  const sharedVpc = r.networkProject !== r.project;
  if (r.filestoreReservedCidr === undefined) {
    if (r.egressLockdown === true) {
      add('filestoreReservedCidr', 'egressLockdown is on but no filestoreReservedCidr is given: Filestore would pick its own range for redundant-rwx and the deny-all egress rule would drop NFS; reserve a range for it (e.g. "10.20.48.0/24") that overlaps none of the unit\'s');
    }
    if (r.filestoreReservedRangeName !== undefined) add('filestoreReservedRangeName', 'filestoreReservedRangeName is given without filestoreReservedCidr: give the allocated range\'s CIDR too (egress lockdown opens NFS to it)');
    return;
  }
  if (known(r.filestoreReservedCidr)) {
    const block = parseIpv4Range('Filestore reserved range', r.filestoreReservedCidr);
    if (typeof block === 'string') {
      add('filestoreReservedCidr', block);
    } else {
      const clash = [...own].map(([name, other]) => unitOverlapProblem(r.unitName, { name: 'Filestore reserved range', block }, { name, block: other })).find((m) => m);
      if (clash) add('filestoreReservedCidr', clash);
    }
  }
  if (sharedVpc && r.filestoreReservedRangeName === undefined) {
    add('filestoreReservedRangeName', 'the unit is on a Shared VPC network, where Filestore connects through private services access: give the name of the allocated range whose CIDR is filestoreReservedCidr');
  }
  if (!sharedVpc && r.filestoreReservedRangeName !== undefined) {
    add('filestoreReservedRangeName', 'filestoreReservedRangeName applies to a Shared VPC network (private services access) only: remove it; filestoreReservedCidr is the reserved range here');
  }
}

function checkServiceGroups(r: ResolvedGkeUnitProps, known: Known, add: Add): void {
  if (!Array.isArray(r.serviceGroups) || !known(r.serviceGroups)) return;
  const keys = r.catalog.serviceGroups.map((g) => g.key);
  const seen = new Set<string>();
  r.serviceGroups.forEach((key, index) => {
    if (!keys.includes(key)) {
      add('serviceGroups', `service group "${key}" is not in the catalog (003 "Creating namespaces"): use one of ${keys.join(', ')}`, index);
    } else if (seen.has(key)) {
      add('serviceGroups', `service group "${key}" is listed twice: list each service group once`, index);
    } else if (r.role === 'secondary' && !r.catalog.serviceGroup(key)!.secondaryUnit) {
      const allowed = r.catalog.serviceGroups.filter((g) => g.secondaryUnit).map((g) => g.key);
      add('serviceGroups', `service group "${key}" cannot run in secondary unit "${r.unitName}": 003 "Units" says a secondary unit only supports voice-related services (${allowed.join(', ')}): remove it, or run it in the primary unit`, index);
    }
    seen.add(key);
  });
}

function checkPeers(r: ResolvedGkeUnitProps, known: Known, add: Add, own: OwnRanges, unit: string): void {
  if (!Array.isArray(r.peerUnits)) return;
  const names = new Set<string>();
  r.peerUnits.forEach((peer, index) => {
    if (peer.unitName === unit) add('peerUnits', `peer unit "${peer.unitName}" has this unit's name: give every unit of the group a distinct name`, index, 'unitName');
    else if (names.has(peer.unitName)) add('peerUnits', `peer unit "${peer.unitName}" is listed twice: list each other unit once`, index, 'unitName');
    names.add(peer.unitName);
    for (const peerProp of UNIT_RANGE_NAMES) {
      if (!known(peer[peerProp])) continue;
      const block = parseIpv4Range(`peer unit "${peer.unitName}" ${peerProp}`, peer[peerProp]);
      if (typeof block === 'string') {
        add('peerUnits', block, index, peerProp);
        continue;
      }
      for (const [name, ownBlock] of own) {
        const clash = peerOverlapProblem({ name, block: ownBlock }, peer.unitName, { name: peerProp, block });
        if (clash) add(name as UnitRangeName, clash);
      }
    }
    const dataSubnet = peerDataStoreSubnetProblem(peer, known);
    if (dataSubnet) add('peerUnits', dataSubnet, index, 'dataStoreSubnetCidr');
    (peer.sbcSourceRanges ?? []).forEach((cidr) => {
      if (!known(cidr)) return;
      const block = parseIpv4Range(`peer unit "${peer.unitName}" sbcSourceRanges`, cidr);
      if (typeof block === 'string') add('peerUnits', block, index, 'sbcSourceRanges');
    });
  });
}

/** `003 "Deployment > Node pools"` from a catalog reference. */
export function cite(document: string, section: string): string {
  return `${document.slice(0, 3)} "${section}"`;
}
