import { Catalog } from '../architecture/catalog';
import { NodePoolKind } from '../architecture/types';
import { vmSizeProblem } from '../azure/vm-sizes';
import { AddressBlock, overlaps, parseCidr, prefixLength } from '../network/cidr';
import { cite, DATA_STORE_KINDS, DEFAULT_HEALTH_CHECK_PORT, DEFAULT_RTP_PORT_RANGE, GkeUnitProps, IsUnresolved, PeerUnit, sbcRtpPortRangeProblem, sharedUnitDefaults } from '../gke/gke-unit-props';
import { parseIpv4Range, peerDataStoreSubnetProblem } from '../gke/unit-ranges';
import { parsePortSpec } from '../architecture/ports';
import { undeclaredDataStoresProblem } from '../network/documented-flows';

export { DEFAULT_HEALTH_CHECK_PORT, DEFAULT_RTP_PORT_RANGE };

/** What a peer is beyond its network, whatever its cloud: documented as on PeerUnit. */
type CloudNeutralPeerProps = Pick<PeerUnit, 'sbcSourceRanges' | 'dataStoreSubnetCidr'>;

/** Another unit of the unit group, as this AKS unit sees it (VNet peering, cross-region rules, overlap checks). */
export interface AksPeerUnit extends CloudNeutralPeerProps {
  readonly unitName: string;
  /** Resource id of the peer unit's virtual network: this unit peers its VNet with it. */
  readonly vnetId: string;
  /** The peer's VNet address space: cxunit carves the peer's node and pod subnets from it, as it does this unit's. */
  readonly vnetCidr: string;
  /**
   * Whether the peer has a third-party node pool (AksUnitProps.thirdPartyVmSize): its subnets are then among
   * the peer's node and pod subnets that the cross-region flows reach (002 #22: Redis in the peer's cluster).
   * @default false
   */
  readonly thirdPartyPool?: boolean;
}

/** The node and pod subnets of a peer unit, which cxunit carves from its vnetCidr as it does a unit's own. */
export function peerPoolSubnets(peer: Pick<AksPeerUnit, 'vnetCidr' | 'thirdPartyPool'>): string[] {
  const kinds: NodePoolKind[] = peer.thirdPartyPool ? ['general', 'realtime', 'thirdParty'] : ['general', 'realtime'];
  return kinds.flatMap((kind) => Object.values(unitSubnets(peer.vnetCidr, kind)));
}

/** Props whose meaning does not depend on the cloud: documented as on GkeUnitProps. */
type CloudNeutralProps = Pick<GkeUnitProps, 'catalog' | 'role' | 'ingressSourceRanges' | 'ingressNodePools' | 'sbcSourceRanges' | 'rtpPortRange' | 'sbcRtpPortRange'
  | 'dataStoreSubnetCidr' | 'dataStores' | 'inClusterDataStores' | 'externalDataStores' | 'egressLockdown' | 'serviceGroups' | 'enforcePolicies'>;

export interface AksUnitProps extends CloudNeutralProps {
  /** Short name of the unit (`weu1`): prefixes every resource name. */
  readonly unitName: string;
  /** Resource group of the unit's resources (created by the stack, or existing). */
  readonly resourceGroupName: string;
  /** Azure region (`westeurope`). */
  readonly location: string;
  /**
   * The unit's virtual network address space. cxunit carves one node subnet (/24) and one pod subnet
   * (/21) per node pool kind from it, so it must be a /19 or larger, and known when the stack is
   * synthesized (a literal, not a Terraform variable).
   */
  readonly vnetCidr: string;
  /** Kubernetes Service ClusterIP range: outside the VNet and every peer's VNet. */
  readonly servicesCidr: string;

  /**
   * Availability zones of the region that every node pool spans (003 "High availability and disaster
   * recovery": "deploying instances within different Availability Zones").
   * @default ['1', '2', '3']
   */
  readonly zones?: string[];
  /**
   * Name of an existing virtual network (in resourceGroupName) to carve the subnets in, instead of creating one.
   * @default - a new VNet named `<unitName>-vnet` with address space vnetCidr
   */
  readonly existingVnetName?: string;
  /**
   * The whole address space of the existing VNet (it must contain vnetCidr): what Azure's VirtualNetwork
   * service tag covers, recorded for the policies, which cannot read a VNet the stack does not declare.
   * @default - required with existingVnetName
   */
  readonly existingVnetAddressSpace?: string[];
  /**
   * Cluster DNS service IP, inside servicesCidr.
   * @default - the tenth address of servicesCidr (required when servicesCidr is known only at deploy time)
   */
  readonly dnsServiceIp?: string;
  /**
   * Kubernetes version of the control plane (at least 003's minimum, 1.25).
   * @default - not pinned: AKS picks its default version at creation, and every version AKS offers is above the minimum
   */
  readonly kubernetesVersion?: string;

  /**
   * VM size of the general pool: 4 GB per vCPU, premium-storage capable (003 "Deployment > Node pools").
   * @default 'Standard_D8s_v5'
   */
  readonly generalVmSize?: string;
  /** @default 1 */
  readonly generalMinNodesPerZone?: number;
  /** @default 5 */
  readonly generalMaxNodesPerZone?: number;
  /**
   * VM size of the tainted real-time pool: general-purpose, 4 GB per vCPU, premium-storage capable.
   * @default 'Standard_D8s_v5'
   */
  readonly realtimeVmSize?: string;
  /** @default 1 */
  readonly realtimeMinNodesPerZone?: number;
  /** @default 3 */
  readonly realtimeMaxNodesPerZone?: number;
  /**
   * How long AKS waits for the real-time nodes' pods to terminate during an upgrade before it fails the
   * upgrade (`upgrade_settings.drain_timeout_in_minutes`, 5 to 1440).
   * @default - the catalog's minimum drain time of the real-time pool (003: 60 minutes)
   */
  readonly realtimeDrainMinutes?: number;
  /**
   * VM size of the optional third-party pool: 8 GB per vCPU with directly attached NVMe.
   * @default - no third-party node pool
   */
  readonly thirdPartyVmSize?: string;
  /** @default 1 */
  readonly thirdPartyMinNodesPerZone?: number;
  /** @default 3 */
  readonly thirdPartyMaxNodesPerZone?: number;
  /**
   * Managed OS disk size of every node, in GB (Premium SSD on premium-capable sizes).
   * @default 128
   */
  readonly osDiskSizeGb?: number;

  /**
   * Port the Azure load balancer probes on the ingress pools (from the AzureLoadBalancer tag).
   * @default 10256 - kube-proxy's health endpoint, probed for `externalTrafficPolicy: Cluster`
   */
  readonly healthCheckPort?: number;
  /**
   * The other AKS units of the unit group: this unit peers its VNet with each (its half of each peering),
   * opens the documented cross-region flows to them, and no range may overlap theirs.
   * @default - none: a unit group of one, no peering
   */
  readonly peerUnits?: AksPeerUnit[];

  /** Azure DNS zone for the wildcard record `*` pointing at the ingress public IP. @default - no DNS record */
  readonly dnsZoneName?: string;
  /**
   * Resource group of the Azure DNS zone.
   * @default - resourceGroupName
   */
  readonly dnsResourceGroupName?: string;

}

export interface ResolvedAksUnitProps extends Required<Omit<AksUnitProps, 'existingVnetName' | 'existingVnetAddressSpace' | 'kubernetesVersion' | 'thirdPartyVmSize' | 'sbcSourceRanges' | 'sbcRtpPortRange' | 'dataStoreSubnetCidr' | 'inClusterDataStores' | 'externalDataStores' | 'dnsZoneName'>> {
  readonly existingVnetName?: string;
  readonly existingVnetAddressSpace?: string[];
  readonly kubernetesVersion?: string;
  readonly thirdPartyVmSize?: string;
  readonly sbcSourceRanges?: string[];
  readonly sbcRtpPortRange?: string;
  readonly dataStoreSubnetCidr?: string;
  readonly inClusterDataStores?: AksUnitProps['inClusterDataStores'];
  readonly externalDataStores?: AksUnitProps['externalDataStores'];
  readonly dnsZoneName?: string;
}

export function resolveAksUnitProps(props: AksUnitProps): ResolvedAksUnitProps {
  const catalog = props.catalog ?? Catalog.default();
  return {
    ...props,
    catalog,
    ...sharedUnitDefaults(props, catalog),
    zones: props.zones ?? ['1', '2', '3'],
    dnsServiceIp: props.dnsServiceIp ?? defaultDnsServiceIp(props.servicesCidr),
    generalVmSize: props.generalVmSize ?? 'Standard_D8s_v5',
    realtimeVmSize: props.realtimeVmSize ?? 'Standard_D8s_v5',
    osDiskSizeGb: props.osDiskSizeGb ?? 128,
    peerUnits: props.peerUnits ?? [],
    dnsResourceGroupName: props.dnsResourceGroupName ?? props.resourceGroupName,
  };
}

function defaultDnsServiceIp(servicesCidr: string): string {
  const block = typeof servicesCidr === 'string' ? parseCidr(servicesCidr) : 'unknown';
  if (typeof block === 'string' || block.version !== 4) return '';
  return formatIpv4(block.first + 10n);
}

export function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}

/** The subnets cxunit carves from vnetCidr, by pool kind: a /24 for nodes and a /21 for pods each. */
export const SUBNET_LAYOUT: Readonly<Record<NodePoolKind, { readonly nodes: number; readonly pods: number }>> = {
  general: { nodes: 0, pods: 8 },
  realtime: { nodes: 1, pods: 16 },
  thirdParty: { nodes: 2, pods: 24 },
};
/** The smallest VNet that holds the layout: 32 /24 blocks. */
export const MINIMUM_VNET_PREFIX = 19;
/** Azure CNI with pod subnets allocates pod addresses to a node in batches of 16. */
export const POD_ADDRESSES_PER_NODE = 16;

/** `{ nodes: '10.20.0.0/24', pods: '10.20.8.0/21' }` for a pool kind. */
export function unitSubnets(vnetCidr: string, kind: NodePoolKind): { readonly nodes: string; readonly pods: string } {
  const block = parseCidr(vnetCidr);
  if (typeof block === 'string') throw new Error(block);
  const layout = SUBNET_LAYOUT[kind];
  return { nodes: `${formatIpv4(block.first + BigInt(layout.nodes) * 256n)}/24`, pods: `${formatIpv4(block.first + BigInt(layout.pods) * 256n)}/21` };
}

/** Ranges Azure CNI reserves: a Service range may not overlap them ("Azure CNI" address planning). */
const AKS_RESERVED_RANGES = ['169.254.0.0/16', '172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24'];

export interface AksPropProblem {
  readonly prop: keyof AksUnitProps;
  readonly index?: number;
  readonly peerProp?: keyof AksPeerUnit;
  readonly message: string;
}

const UNIT_NAME = /^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$/;
const RESOURCE_GROUP = /^[-\w._()]{1,89}[-\w_()]$/;
const LOCATION = /^[a-z]+[a-z0-9]*$/;
const VERSION = /^(\d+)\.(\d+)(?:\.(\d+))?$/;
const POOL_TITLES: Readonly<Record<NodePoolKind, string>> = { general: 'general', realtime: 'real-time', thirdParty: 'third-party' };

/**
 * Every problem with an AKS unit's props, checked before anything is built. The construct throws them;
 * the units.yaml loader locates each in the file.
 */
export function aksUnitPropProblems(props: AksUnitProps, isUnresolved: IsUnresolved = () => false, shown: (value: unknown) => string = String): AksPropProblem[] {
  const problems: AksPropProblem[] = [];
  const add = (prop: keyof AksUnitProps, message: string, index?: number, peerProp?: keyof AksPeerUnit) =>
    problems.push({ prop, message, ...(index !== undefined ? { index } : {}), ...(peerProp ? { peerProp } : {}) });
  const known = (value: unknown): boolean => value !== undefined && !isUnresolved(value);
  const r = resolveAksUnitProps(props);
  const catalog = r.catalog;

  if (known(r.unitName) && !UNIT_NAME.test(r.unitName)) {
    add('unitName', `unit name "${r.unitName}" is not valid: use 1-20 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (it prefixes resource names)`);
  }
  for (const prop of ['resourceGroupName', 'dnsResourceGroupName'] as const) {
    if (known(r[prop]) && !RESOURCE_GROUP.test(r[prop])) add(prop, `${prop} "${r[prop]}" is not an Azure resource group name: use up to 90 letters, digits, hyphens, underscores, periods and parentheses, not ending with a period`);
  }
  if (known(r.location) && !LOCATION.test(r.location)) add('location', `location "${r.location}" is not an Azure region name: write it as "westeurope" (lowercase, no spaces)`);

  if (Array.isArray(r.zones) && known(r.zones)) {
    const seen = new Set<string>();
    r.zones.forEach((zone, index) => {
      if (!known(zone)) return;
      if (!['1', '2', '3'].includes(String(zone))) add('zones', `zone "${zone}" is not an Azure availability zone: use "1", "2" and "3"`, index);
      else if (seen.has(String(zone))) add('zones', `zone "${zone}" is listed twice: list each zone once`, index);
      seen.add(String(zone));
    });
    if (r.zones.length < 3) add('zones', `zones lists ${r.zones.length} zone${r.zones.length === 1 ? '' : 's'} (${r.zones.join(', ') || 'none'}): every node pool spans the three availability zones of the region (003 "High availability and disaster recovery"); use ["1", "2", "3"]`);
  }

  // A GkeUnit takes its subnets as given; an AksUnit computes its own from vnetCidr, which a deploy-time value does not allow.
  if (isUnresolved(r.vnetCidr)) {
    add('vnetCidr', `vnetCidr is ${shown(r.vnetCidr)}, known only at deploy time, but AksUnit carves its node and pod subnets from it when the stack is synthesized: give a literal range (for example "10.30.0.0/16", read from a tfvars file when the stack is synthesized)`);
  }
  if (isUnresolved(r.servicesCidr) && props.dnsServiceIp === undefined) {
    add('servicesCidr', `servicesCidr is ${shown(r.servicesCidr)}, known only at deploy time, so the default dnsServiceIp (its tenth address) cannot be computed: give dnsServiceIp as well, or a literal servicesCidr`);
  }
  const own = new Map<string, AddressBlock>();
  if (known(r.vnetCidr)) {
    const block = parseIpv4Range('vnetCidr', r.vnetCidr);
    if (typeof block === 'string') add('vnetCidr', block);
    else if (prefixLength(block) > MINIMUM_VNET_PREFIX) add('vnetCidr', `vnetCidr ${block.cidr} is smaller than /${MINIMUM_VNET_PREFIX} (cxunit carves a /24 node subnet and a /21 pod subnet per node pool from it): use a /${MINIMUM_VNET_PREFIX} or larger range`);
    else own.set('vnetCidr', block);
  }
  if (known(r.servicesCidr)) {
    const block = parseIpv4Range('servicesCidr', r.servicesCidr);
    if (typeof block === 'string') add('servicesCidr', block);
    else {
      if (prefixLength(block) > 24) add('servicesCidr', `servicesCidr ${block.cidr} is smaller than /24 (the Services of the 22 namespaces of 003 "Creating namespaces" need room): use a /24 or larger range`);
      const vnet = own.get('vnetCidr');
      if (vnet && overlaps(vnet, block)) add('servicesCidr', `servicesCidr ${block.cidr} overlaps vnetCidr ${vnet.cidr} in unit "${r.unitName}": AKS needs a Service range outside the virtual network; choose ranges that do not overlap`);
      const reserved = AKS_RESERVED_RANGES.find((range) => overlaps(parseCidr(range) as AddressBlock, block));
      if (reserved) add('servicesCidr', `servicesCidr ${block.cidr} overlaps ${reserved}, which Azure reserves: choose another range`);
      own.set('servicesCidr', block);
      if (known(r.dnsServiceIp)) {
        const dns = parseCidr(r.dnsServiceIp);
        if (typeof dns === 'string' || dns.version !== 4 || prefixLength(dns) !== 32 || dns.first <= block.first || dns.first > block.last) {
          add('dnsServiceIp', `dnsServiceIp "${r.dnsServiceIp}" is not an address inside servicesCidr ${block.cidr} (other than its first): use e.g. "${formatIpv4(block.first + 10n)}"`);
        }
      }
    }
  }

  const vnet = own.get('vnetCidr');
  if ((r.existingVnetName === undefined) !== (r.existingVnetAddressSpace === undefined)) {
    const [given, missing] = r.existingVnetName === undefined ? ['existingVnetAddressSpace', 'existingVnetName'] as const : ['existingVnetName', 'existingVnetAddressSpace'] as const;
    add(given, `${given} is given without ${missing}: give the existing VNet's name and its whole address space, or neither to create a VNet`);
  }
  if (Array.isArray(r.existingVnetAddressSpace) && known(r.existingVnetAddressSpace)) {
    const blocks = r.existingVnetAddressSpace.map((cidr, index) => {
      const block = known(cidr) ? parseIpv4Range('existingVnetAddressSpace', cidr) : undefined;
      if (typeof block === 'string') add('existingVnetAddressSpace', block, index);
      return typeof block === 'string' ? undefined : block;
    });
    if (vnet && blocks.every((b) => b !== undefined) && !blocks.some((b) => b!.first <= vnet.first && vnet.last <= b!.last)) {
      add('existingVnetAddressSpace', `existingVnetAddressSpace (${r.existingVnetAddressSpace.join(', ')}) does not contain vnetCidr ${vnet.cidr}: the unit's subnets are carved from vnetCidr inside the existing VNet; give its whole address space`);
    }
  }
  const pools: Array<[NodePoolKind, string | undefined, number, number, keyof AksUnitProps, keyof AksUnitProps, keyof AksUnitProps]> = [
    ['general', r.generalVmSize, r.generalMinNodesPerZone, r.generalMaxNodesPerZone, 'generalVmSize', 'generalMinNodesPerZone', 'generalMaxNodesPerZone'],
    ['realtime', r.realtimeVmSize, r.realtimeMinNodesPerZone, r.realtimeMaxNodesPerZone, 'realtimeVmSize', 'realtimeMinNodesPerZone', 'realtimeMaxNodesPerZone'],
    ['thirdParty', r.thirdPartyVmSize, r.thirdPartyMinNodesPerZone, r.thirdPartyMaxNodesPerZone, 'thirdPartyVmSize', 'thirdPartyMinNodesPerZone', 'thirdPartyMaxNodesPerZone'],
  ];
  for (const [kind, vmSize, min, max, sizeProp, minProp, maxProp] of pools) {
    if (vmSize === undefined) continue;
    if (known(vmSize)) {
      const problem = vmSizeProblem(catalog.nodePool(kind), vmSize);
      if (problem) add(sizeProp, problem);
    }
    if (known(min) && (!Number.isInteger(min) || min < 1)) add(minProp, `${minProp} is ${min}: the ${POOL_TITLES[kind]} pool needs at least one node in every zone; use 1 or more`);
    if (known(max) && known(min) && Number.isInteger(min) && (!Number.isInteger(max) || max < min)) add(maxProp, `${maxProp} is ${max}, below ${minProp} ${min}: use ${min} or more`);
    if (vnet && known(max) && Number.isInteger(max) && Array.isArray(r.zones)) {
      // Peak pods per pool: max nodes in every zone plus one surge node, 16 pod addresses each, in a /21 (Azure reserves 5).
      const peak = (max * r.zones.length + 1) * POD_ADDRESSES_PER_NODE;
      if (peak > 2048 - 5) add(maxProp, `${maxProp} ${max} needs ${peak} pod addresses at peak (${max} nodes x ${r.zones.length} zones + 1 surge node, 16 each), more than the pool's /21 pod subnet holds: use at most ${Math.floor((2043 / POD_ADDRESSES_PER_NODE - 1) / r.zones.length)}`);
    }
  }
  const drain = r.realtimeDrainMinutes;
  const minimum = catalog.nodePool('realtime').minimumDrainMinutes ?? 60;
  if (known(drain) && (!Number.isInteger(drain) || drain < minimum || drain > 1440)) {
    const spec = catalog.nodePool('realtime');
    add('realtimeDrainMinutes', `realtimeDrainMinutes is ${drain}: the real-time pool "require[s] a drain time of ${minimum} minutes or longer" (${cite(spec.reference.document, spec.reference.table)}) and AKS accepts at most 1440; use ${minimum} to 1440`);
  }
  if (known(r.osDiskSizeGb) && (!Number.isInteger(r.osDiskSizeGb) || r.osDiskSizeGb < 30 || r.osDiskSizeGb > 2048)) add('osDiskSizeGb', `osDiskSizeGb is ${r.osDiskSizeGb}: use a managed OS disk of 30 to 2048 GB (128 GB is the P10 Premium SSD tier)`);
  if (r.kubernetesVersion !== undefined && known(r.kubernetesVersion)) {
    const requirement = catalog.version('kubernetes');
    const [minMajor, minMinor] = requirement.minimum.split('.').map(Number);
    const version = VERSION.exec(r.kubernetesVersion);
    if (!version) add('kubernetesVersion', `kubernetesVersion "${r.kubernetesVersion}" is not an AKS version: write it as "1.32" or "1.32.4"`);
    else if (Number(version[1]) < minMajor || (Number(version[1]) === minMajor && Number(version[2]) < minMinor)) {
      add('kubernetesVersion', `kubernetesVersion "${r.kubernetesVersion}" is below the documented minimum ${requirement.minimum} (${cite(requirement.reference.document, requirement.section)}: "${requirement.printed}"): use "${requirement.minimum}" or later`);
    }
  }
  if (known(r.healthCheckPort) && (!Number.isInteger(r.healthCheckPort) || r.healthCheckPort < 1 || r.healthCheckPort > 65535)) add('healthCheckPort', `healthCheckPort is ${r.healthCheckPort}: use a port from 1 to 65535`);
  if (known(r.rtpPortRange) && typeof parsePortSpec(r.rtpPortRange) === 'string') add('rtpPortRange', `rtpPortRange "${r.rtpPortRange}" is not a port range: write it as "20000-45000"`);
  const sbcRtp = sbcRtpPortRangeProblem(r, known);
  if (sbcRtp) add('sbcRtpPortRange', sbcRtp);

  for (const prop of ['ingressSourceRanges', 'sbcSourceRanges'] as const) {
    const ranges = r[prop];
    if (!Array.isArray(ranges) || !known(ranges)) continue;
    if (ranges.length === 0) add(prop, `${prop} is empty: give at least one source range, or omit ${prop}`);
    ranges.forEach((cidr, index) => {
      if (!known(cidr)) return;
      const block = parseCidr(cidr);
      if (typeof block === 'string') add(prop, `${prop} ${block}`, index);
    });
  }
  if (Array.isArray(r.ingressNodePools) && known(r.ingressNodePools)) {
    r.ingressNodePools.forEach((kind, index) => {
      const exists = kind === 'general' || kind === 'realtime' || (kind === 'thirdParty' && r.thirdPartyVmSize !== undefined);
      if (!exists) add('ingressNodePools', `ingressNodePools names "${kind}", which is not a node pool of this unit: use ${r.thirdPartyVmSize !== undefined ? '"general", "realtime" or "thirdParty"' : '"general" or "realtime"'}`, index);
    });
  }
  if (r.dataStoreSubnetCidr === undefined && r.dataStores.length > 0) add('dataStores', `dataStores lists ${r.dataStores.join(', ')} but no dataStoreSubnetCidr: give the subnet where they run, or omit dataStores when the data stores run in the cluster`);
  if (r.dataStoreSubnetCidr !== undefined && known(r.dataStoreSubnetCidr)) {
    const block = parseIpv4Range('data-store subnet', r.dataStoreSubnetCidr);
    if (typeof block === 'string') add('dataStoreSubnetCidr', block);
    if (r.dataStores.length === 0) add('dataStores', 'dataStores is empty while dataStoreSubnetCidr is given: list the stores in that subnet (e.g. ["postgres", "redis"]) so that exactly their documented ports are opened');
  }
  r.dataStores.forEach((store, index) => {
    if (!DATA_STORE_KINDS.includes(store)) add('dataStores', `data store "${store}" is not known: use one of ${DATA_STORE_KINDS.join(', ')}`, index);
  });
  if (known(r.serviceGroups) && known(r.dataStores)) {
    const undeclared = undeclaredDataStoresProblem(catalog, r, 'AksUnit');
    if (undeclared) add('dataStores', undeclared);
  }
  if (Array.isArray(r.serviceGroups)) {
    const keys = catalog.serviceGroups.map((g) => g.key);
    r.serviceGroups.forEach((key, index) => {
      if (!keys.includes(key)) add('serviceGroups', `service group "${key}" is not in the catalog (003 "Creating namespaces"): use one of ${keys.join(', ')}`, index);
    });
  }
  if (Array.isArray(r.peerUnits)) {
    const names = new Set<string>();
    r.peerUnits.forEach((peer, index) => {
      if (peer.unitName === r.unitName) add('peerUnits', `peer unit "${peer.unitName}" has this unit's name: give every unit of the group a distinct name`, index, 'unitName');
      else if (names.has(peer.unitName)) add('peerUnits', `peer unit "${peer.unitName}" is listed twice: list each other unit once`, index, 'unitName');
      names.add(peer.unitName);
      const dataSubnet = peerDataStoreSubnetProblem(peer, known);
      if (dataSubnet) add('peerUnits', dataSubnet, index, 'dataStoreSubnetCidr');
      if (!known(peer.vnetCidr)) return;
      const block = parseIpv4Range(`peer unit "${peer.unitName}" vnetCidr`, peer.vnetCidr);
      if (typeof block === 'string') {
        add('peerUnits', block, index, 'vnetCidr');
        return;
      }
      if (prefixLength(block) > MINIMUM_VNET_PREFIX) {
        add('peerUnits', `peer unit "${peer.unitName}" vnetCidr ${block.cidr} is smaller than /${MINIMUM_VNET_PREFIX}, which no AksUnit accepts (its node and pod subnets are carved from it): give the peer's whole vnetCidr`, index, 'vnetCidr');
      }
      for (const [name, ownBlock] of own) {
        if (overlaps(ownBlock, block)) add(name as keyof AksUnitProps, `${name} ${ownBlock.cidr} overlaps vnetCidr ${block.cidr} of unit "${peer.unitName}": the units of a unit group reach each other over VNet peering, so every range must be distinct; choose ranges that do not overlap`);
      }
    });
  }
  return problems;
}
