import * as fs from 'fs';
import * as path from 'path';
import { Catalog } from '../architecture/catalog';
import { DataStoreKind } from '../architecture/types';
import { AddressBlock } from '../network/cidr';
import { AksPeerUnit, AksUnitProps, aksUnitPropProblems, AksPropProblem } from '../aks/aks-unit-props';
import { GkeUnitProps, gkeUnitPropProblems, networkPath, PeerUnit, PropProblem, ReleaseChannel, UnitRole } from '../gke/gke-unit-props';
import { parseIpv4Range, peerOverlapProblem } from '../gke/unit-ranges';
import { Diagnostic, InputError, PathSegment } from '../validation/diagnostic';
import { validateYaml, YamlFile } from '../validation/yaml-file';
import unitsSchema from '../../stacks/units.schema.json';

/** units.yaml: a unit group and its units (see stacks/units.schema.json and the README's reference). */
export interface UnitGroupConfig {
  /** The file, as named in diagnostics. */
  readonly file: string;
  readonly unitGroup: string;
  readonly units: readonly UnitConfig[];
  /** Where each unit (by index) is declared in the file: findings on its resources point there. */
  readonly unitSites?: ReadonlyArray<{ readonly line: number; readonly column: number }>;
}

export interface NodePoolConfig {
  readonly machineType?: string;
  readonly minNodesPerZone?: number;
  readonly maxNodesPerZone?: number;
}

/** A unit entry of units.yaml: a GKE unit or an AKS unit (`cloud`). */
export type UnitConfig = GkeUnitConfig | AksUnitConfig;

export interface GkeUnitConfig {
  readonly name: string;
  readonly cloud: 'gke';
  readonly role: UnitRole;
  /** @default - the file's unitGroup */
  readonly unitGroup?: string;
  readonly project: string;
  readonly region: string;
  readonly zones: string[];
  readonly subnetCidr: string;
  readonly podsCidr: string;
  readonly servicesCidr: string;
  readonly existingNetwork?: { readonly network: string; readonly subnet: string; readonly hostProject?: string; readonly podsRangeName?: string; readonly servicesRangeName?: string };
  readonly nodePools?: {
    readonly general?: NodePoolConfig;
    readonly realtime?: NodePoolConfig & { readonly drainMinutes?: number };
    readonly thirdParty?: NodePoolConfig & { readonly machineType: string; readonly localSsdCount?: number };
  };
  readonly diskSizeGb?: number;
  readonly releaseChannel?: ReleaseChannel;
  readonly minMasterVersion?: string;
  readonly deletionProtection?: boolean;
  readonly ingressSourceRanges?: string[];
  readonly healthCheckPort?: number;
  readonly sbcSourceRanges?: string[];
  readonly rtpPortRange?: string;
  readonly sbcRtpPortRange?: string;
  readonly dataStores?: DataStoresConfig;
  readonly serviceGroups?: string[];
  readonly dns?: { readonly managedZone: string; readonly domain: string; readonly project?: string };
  readonly egressLockdown?: boolean;
  readonly filestoreReservedCidr?: string;
  readonly filestoreReservedRangeName?: string;
  readonly externalPeers?: { readonly mail?: string[]; readonly sftp?: string[] };
}

/** Where a unit's data stores live (both clouds). */
export interface DataStoresConfig {
  readonly placement: 'in-cluster' | 'subnet';
  readonly subnetCidr?: string;
  readonly stores?: DataStoreKind[];
  readonly inCluster?: DataStoreKind[];
  readonly external?: Partial<Record<DataStoreKind, string[]>>;
}

export interface AksNodePoolConfig {
  readonly vmSize?: string;
  readonly minNodesPerZone?: number;
  readonly maxNodesPerZone?: number;
}

export interface AksUnitConfig {
  readonly name: string;
  readonly cloud: 'aks';
  readonly role: UnitRole;
  /** @default - the file's unitGroup */
  readonly unitGroup?: string;
  readonly subscriptionId: string;
  /** The resource group the unit's stack creates. */
  readonly resourceGroup: string;
  readonly location: string;
  readonly zones?: string[];
  readonly vnetCidr: string;
  readonly servicesCidr: string;
  readonly existingVnet?: { readonly name: string; readonly addressSpace: string[] };
  readonly kubernetesVersion?: string;
  readonly nodePools?: {
    readonly general?: AksNodePoolConfig;
    readonly realtime?: AksNodePoolConfig & { readonly drainMinutes?: number };
    readonly thirdParty?: AksNodePoolConfig & { readonly vmSize: string };
  };
  readonly osDiskSizeGb?: number;
  readonly ingressSourceRanges?: string[];
  readonly healthCheckPort?: number;
  readonly sbcSourceRanges?: string[];
  readonly rtpPortRange?: string;
  readonly sbcRtpPortRange?: string;
  readonly dataStores?: DataStoresConfig;
  readonly serviceGroups?: string[];
  readonly dns?: { readonly zoneName: string; readonly resourceGroup?: string };
  readonly egressLockdown?: boolean;
}

/** The unit group a unit belongs to: its own `unitGroup`, else the file's. */
export function groupOf(config: UnitGroupConfig, unit: UnitConfig): string {
  return unit.unitGroup ?? config.unitGroup;
}

/** The other units of a unit's group. */
export function peersOf(config: UnitGroupConfig, unit: UnitConfig): UnitConfig[] {
  return config.units.filter((other) => other !== unit && groupOf(config, other) === groupOf(config, unit));
}

/** Props both unit constructs share, and where they come from in a unit entry. */
const SHARED_PROP_PATHS: Readonly<Record<string, readonly PathSegment[]>> = {
  unitName: ['name'],
  role: ['role'],
  realtimeDrainMinutes: ['nodePools', 'realtime', 'drainMinutes'],
  dataStoreSubnetCidr: ['dataStores', 'subnetCidr'],
  dataStores: ['dataStores', 'stores'],
  inClusterDataStores: ['dataStores', 'inCluster'],
  externalDataStores: ['dataStores', 'external'],
};

/** `generalMachineType: ['nodePools', 'general', 'machineType']` and the node counts, for every pool kind. */
function poolPropPaths(sizeProp: 'MachineType' | 'VmSize', sizeKey: 'machineType' | 'vmSize'): Record<string, readonly PathSegment[]> {
  const paths: Record<string, readonly PathSegment[]> = {};
  for (const kind of ['general', 'realtime', 'thirdParty']) {
    paths[`${kind}${sizeProp}`] = ['nodePools', kind, sizeKey];
    for (const count of ['MinNodesPerZone', 'MaxNodesPerZone']) paths[`${kind}${count}`] = ['nodePools', kind, `${count[0].toLowerCase()}${count.slice(1)}`];
  }
  return paths;
}

/** Where each GkeUnit prop comes from in a unit entry of units.yaml. */
const PROP_PATHS: Readonly<Record<string, readonly PathSegment[]>> = {
  ...SHARED_PROP_PATHS,
  ...poolPropPaths('MachineType', 'machineType'),
  existingNetworkName: ['existingNetwork', 'network'],
  existingSubnetName: ['existingNetwork', 'subnet'],
  networkProject: ['existingNetwork', 'hostProject'],
  podsRangeName: ['existingNetwork', 'podsRangeName'],
  servicesRangeName: ['existingNetwork', 'servicesRangeName'],
  thirdPartyLocalSsdCount: ['nodePools', 'thirdParty', 'localSsdCount'],
  dnsManagedZone: ['dns', 'managedZone'],
  dnsDomain: ['dns', 'domain'],
  dnsProject: ['dns', 'project'],
  mailServerRanges: ['externalPeers', 'mail'],
  sftpServerRanges: ['externalPeers', 'sftp'],
};

/** Where each AksUnit prop comes from in an AKS unit entry of units.yaml. */
const AKS_PROP_PATHS: Readonly<Record<string, readonly PathSegment[]>> = {
  ...SHARED_PROP_PATHS,
  ...poolPropPaths('VmSize', 'vmSize'),
  resourceGroupName: ['resourceGroup'],
  existingVnetName: ['existingVnet', 'name'],
  existingVnetAddressSpace: ['existingVnet', 'addressSpace'],
  dnsZoneName: ['dns', 'zoneName'],
  dnsResourceGroupName: ['dns', 'resourceGroup'],
};

function locate(paths: Readonly<Record<string, readonly PathSegment[]>>, unitIndex: number, problem: { readonly prop: string; readonly index?: number }): PathSegment[] {
  const at = paths[problem.prop] ?? [problem.prop];
  return ['units', unitIndex, ...at, ...(problem.index !== undefined ? [problem.index] : [])];
}

/** The YAML path of a prop problem, inside the unit entry at `units[index]`. */
export function problemPath(unitIndex: number, problem: PropProblem): PathSegment[] {
  return locate(PROP_PATHS, unitIndex, problem);
}

/** The YAML path of an AKS prop problem, inside the unit entry at `units[index]`. */
export function aksProblemPath(unitIndex: number, problem: AksPropProblem): PathSegment[] {
  return locate(AKS_PROP_PATHS, unitIndex, problem);
}

export interface UnitsFileOptions {
  /** How the file is named in diagnostics. @default - relative to the working directory */
  readonly displayName?: string;
  /** @default Catalog.default() */
  readonly catalog?: Catalog;
}

/** Loads and validates units.yaml; throws InputError listing every problem, each located in the file. */
export function loadUnitsFile(file: string, options: UnitsFileOptions = {}): UnitGroupConfig {
  const result = readUnitsFile(file, options);
  if (!result.config) throw new InputError(result.diagnostics);
  return result.config;
}

export function readUnitsFile(file: string, options: UnitsFileOptions = {}): { readonly config?: UnitGroupConfig; readonly diagnostics: readonly Diagnostic[] } {
  const displayName = options.displayName ?? (path.relative(process.cwd(), file) || file);
  if (!fs.existsSync(file)) {
    return { diagnostics: [{ file: displayName, line: 0, column: 0, path: '', message: 'units file not found: create it (see README.md "units.yaml reference") or set CXUNIT_UNITS to its path' }] };
  }
  const yamlFile = YamlFile.read(file, displayName);
  if (!(yamlFile instanceof YamlFile)) return { diagnostics: [yamlFile] };
  const schemaProblems = validateYaml(yamlFile, unitsSchema);
  if (schemaProblems.length > 0) return { diagnostics: schemaProblems };

  const data = yamlFile.data as { unitGroup: string; units: UnitConfig[] };
  const unitSites = data.units.map((_, index) => {
    const { line, column } = yamlFile.diagnostic(['units', index, 'name'], '', true);
    return { line, column };
  });
  const config: UnitGroupConfig = { file: displayName, unitGroup: data.unitGroup, units: data.units, unitSites };
  // In file order, so that a long list reads top to bottom.
  const diagnostics = unitGroupProblems(yamlFile, config, options.catalog ?? Catalog.default()).sort((a, b) => a.line - b.line || a.column - b.column);
  return diagnostics.length > 0 ? { diagnostics } : { config, diagnostics: [] };
}

/** What a schema cannot check: the units' props (the construct's own checks), the group's unique names, one primary, distinct ranges. */
function unitGroupProblems(yamlFile: YamlFile, config: UnitGroupConfig, catalog: Catalog): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = (segments: PathSegment[], message: string, atKey = false) => diagnostics.push(yamlFile.diagnostic(segments, message, atKey));
  const lineOf = (segments: PathSegment[]) => `${yamlFile.file}:${yamlFile.diagnostic(segments, '').line}`;

  const names = new Map<string, number>();
  const primaries = new Map<string, number>();
  config.units.forEach((unit, index) => {
    const group = groupOf(config, unit);
    const primary = primaries.get(group);
    const earlier = names.get(unit.name);
    if (earlier !== undefined) {
      at(['units', index, 'name'], `unit name "${unit.name}" is already used by units[${earlier}] (${lineOf(['units', earlier, 'name'])}): give every unit of the group a distinct name`);
    } else {
      names.set(unit.name, index);
    }
    if (unit.role === 'primary') {
      if (primary !== undefined) {
        at(['units', index, 'role'], `unit "${unit.name}" is a second primary unit of unit group "${group}" (units[${primary}] "${config.units[primary].name}" is primary): a unit group has exactly one primary unit (003 "Units"); make this one "secondary"`);
      } else {
        primaries.set(group, index);
      }
    }
    if (unit.dataStores?.placement === 'in-cluster') {
      for (const key of ['subnetCidr', 'stores', 'inCluster', 'external'] as const) {
        if (unit.dataStores[key] !== undefined) {
          at(['units', index, 'dataStores', key], `${key} is given with placement "in-cluster": remove it, or set placement to "subnet" when the data stores run outside the cluster`, true);
        }
      }
    }
    if (unit.cloud === 'aks') {
      for (const problem of aksUnitPropProblems(aksUnitProps(unit, [], catalog))) at(aksProblemPath(index, problem), problem.message);
    } else {
      for (const problem of gkeUnitPropProblems(gkeUnitProps(unit, [], catalog))) at(problemPath(index, problem), problem.message);
    }
  });
  for (const group of new Set(config.units.map((unit) => groupOf(config, unit)))) {
    if (primaries.has(group)) continue;
    at(['units'], `no unit of unit group "${group}" has role "primary": a unit group has exactly one primary unit (003 "Units"); set one unit's role to "primary"`);
  }

  // Every range of the group is distinct (the units are peered): report each overlap once, at the later unit.
  const seen: Array<{ unit: number; key: PathSegment[]; name: string; block: AddressBlock }> = [];
  config.units.forEach((unit, index) => {
    const ranges: Array<[PathSegment[], string, string | undefined]> = [
      ...(unit.cloud === 'aks'
        ? [[['vnetCidr'], 'vnetCidr', unit.vnetCidr] as [PathSegment[], string, string]]
        : [[['subnetCidr'], 'subnetCidr', unit.subnetCidr], [['podsCidr'], 'podsCidr', unit.podsCidr]] as Array<[PathSegment[], string, string]>),
      [['servicesCidr'], 'servicesCidr', unit.servicesCidr],
      [['dataStores', 'subnetCidr'], 'data-store subnet', unit.dataStores?.placement === 'subnet' ? unit.dataStores.subnetCidr : undefined],
      [['filestoreReservedCidr'], 'Filestore reserved range', unit.cloud === 'gke' ? unit.filestoreReservedCidr : undefined],
    ];
    for (const [key, name, cidr] of ranges) {
      if (cidr === undefined) continue;
      const block = parseIpv4Range(name, cidr);
      if (typeof block === 'string') continue; // already reported by the unit's own checks
      for (const other of seen.filter((s) => s.unit !== index)) {
        const clash = peerOverlapProblem({ name, block }, config.units[other.unit].name, other, ` (${lineOf(['units', other.unit, ...other.key])})`);
        if (clash) {
          at(['units', index, ...key], clash);
          break;
        }
      }
      seen.push({ unit: index, key, name, block });
    }
  });
  return diagnostics;
}

/** The props every unit entry maps alike onto its construct, GKE or AKS (their meaning is the same: GkeUnitProps). */
function sharedConfigProps(unit: UnitConfig, catalog: Catalog) {
  const pools = unit.nodePools ?? {};
  const dataStores = unit.dataStores?.placement === 'subnet' ? unit.dataStores : undefined;
  return {
    unitName: unit.name,
    role: unit.role,
    catalog,
    generalMinNodesPerZone: pools.general?.minNodesPerZone,
    generalMaxNodesPerZone: pools.general?.maxNodesPerZone,
    realtimeMinNodesPerZone: pools.realtime?.minNodesPerZone,
    realtimeMaxNodesPerZone: pools.realtime?.maxNodesPerZone,
    realtimeDrainMinutes: pools.realtime?.drainMinutes,
    thirdPartyMinNodesPerZone: pools.thirdParty?.minNodesPerZone,
    thirdPartyMaxNodesPerZone: pools.thirdParty?.maxNodesPerZone,
    ingressSourceRanges: unit.ingressSourceRanges,
    healthCheckPort: unit.healthCheckPort,
    sbcSourceRanges: unit.sbcSourceRanges,
    rtpPortRange: unit.rtpPortRange,
    sbcRtpPortRange: unit.sbcRtpPortRange,
    dataStoreSubnetCidr: dataStores?.subnetCidr,
    dataStores: dataStores?.stores,
    inClusterDataStores: dataStores?.inCluster,
    externalDataStores: dataStores?.external,
    egressLockdown: unit.egressLockdown,
    serviceGroups: unit.serviceGroups,
  };
}

/** What the cross-region flows need of a peer's entry, on either cloud: its SBCs and its data subnet (002 #22: remote Redis). */
function crossRegionPeerProps(peer: UnitConfig): Pick<PeerUnit, 'sbcSourceRanges' | 'dataStoreSubnetCidr'> {
  return {
    ...(peer.sbcSourceRanges ? { sbcSourceRanges: peer.sbcSourceRanges } : {}),
    ...(peer.dataStores?.placement === 'subnet' && peer.dataStores.subnetCidr ? { dataStoreSubnetCidr: peer.dataStores.subnetCidr } : {}),
  };
}

/** The GkeUnit props of a unit entry; `peers` are the other units of the group (GKE units: the group's peering is per cloud). */
export function gkeUnitProps(unit: GkeUnitConfig, allPeers: readonly UnitConfig[], catalog: Catalog): GkeUnitProps {
  const peers = allPeers.filter((peer): peer is GkeUnitConfig => peer.cloud === 'gke');
  const pools = unit.nodePools ?? {};
  const props: GkeUnitProps = {
    ...sharedConfigProps(unit, catalog),
    project: unit.project,
    region: unit.region,
    zones: unit.zones,
    subnetCidr: unit.subnetCidr,
    podsCidr: unit.podsCidr,
    servicesCidr: unit.servicesCidr,
    existingNetworkName: unit.existingNetwork?.network,
    existingSubnetName: unit.existingNetwork?.subnet,
    networkProject: unit.existingNetwork?.hostProject,
    podsRangeName: unit.existingNetwork?.podsRangeName,
    servicesRangeName: unit.existingNetwork?.servicesRangeName,
    releaseChannel: unit.releaseChannel,
    minMasterVersion: unit.minMasterVersion,
    deletionProtection: unit.deletionProtection,
    generalMachineType: pools.general?.machineType,
    realtimeMachineType: pools.realtime?.machineType,
    thirdPartyMachineType: pools.thirdParty?.machineType,
    thirdPartyLocalSsdCount: pools.thirdParty?.localSsdCount,
    diskSizeGb: unit.diskSizeGb,
    peerUnits: peers.map((peer): PeerUnit => ({
      unitName: peer.name,
      subnetCidr: peer.subnetCidr,
      podsCidr: peer.podsCidr,
      servicesCidr: peer.servicesCidr,
      ...crossRegionPeerProps(peer),
      // The peer's network as its own stack creates it (`<name>-vpc`) or names it (Shared VPC: the host project's).
      network: peer.existingNetwork
        ? networkPath(peer.existingNetwork.hostProject ?? peer.project, peer.existingNetwork.network)
        : networkPath(peer.project, `${peer.name}-vpc`),
    })),
    filestoreReservedCidr: unit.filestoreReservedCidr,
    filestoreReservedRangeName: unit.filestoreReservedRangeName,
    mailServerRanges: unit.externalPeers?.mail,
    sftpServerRanges: unit.externalPeers?.sftp,
    dnsManagedZone: unit.dns?.managedZone,
    dnsDomain: unit.dns?.domain,
    dnsProject: unit.dns?.project,
  };
  // Absent keys, not `undefined` values: the construct's defaults apply.
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined)) as unknown as GkeUnitProps;
}

/** The resource id of an AKS unit's virtual network, as its peers name it. */
export function aksVnetId(unit: AksUnitConfig): string {
  return `/subscriptions/${unit.subscriptionId}/resourceGroups/${unit.resourceGroup}/providers/Microsoft.Network/virtualNetworks/${unit.existingVnet?.name ?? `${unit.name}-vnet`}`;
}

/** The AksUnit props of an AKS unit entry (without the resource group token the stack adds); peers are the group's other AKS units. */
export function aksUnitProps(unit: AksUnitConfig, allPeers: readonly UnitConfig[], catalog: Catalog): AksUnitProps {
  const peers = allPeers.filter((peer): peer is AksUnitConfig => peer.cloud === 'aks');
  const pools = unit.nodePools ?? {};
  const props: AksUnitProps = {
    ...sharedConfigProps(unit, catalog),
    resourceGroupName: unit.resourceGroup,
    location: unit.location,
    zones: unit.zones,
    vnetCidr: unit.vnetCidr,
    servicesCidr: unit.servicesCidr,
    existingVnetName: unit.existingVnet?.name,
    existingVnetAddressSpace: unit.existingVnet?.addressSpace,
    kubernetesVersion: unit.kubernetesVersion,
    generalVmSize: pools.general?.vmSize,
    realtimeVmSize: pools.realtime?.vmSize,
    thirdPartyVmSize: pools.thirdParty?.vmSize,
    osDiskSizeGb: unit.osDiskSizeGb,
    peerUnits: peers.map((peer): AksPeerUnit => ({
      unitName: peer.name,
      vnetId: aksVnetId(peer),
      vnetCidr: peer.vnetCidr,
      ...(peer.nodePools?.thirdParty ? { thirdPartyPool: true } : {}),
      ...crossRegionPeerProps(peer),
    })),
    dnsZoneName: unit.dns?.zoneName,
    dnsResourceGroupName: unit.dns?.resourceGroup,
  };
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined)) as unknown as AksUnitProps;
}
