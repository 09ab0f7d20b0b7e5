import * as fs from 'fs';
import * as path from 'path';
import { Catalog } from '../architecture/catalog';
import { DataStoreKind } from '../architecture/types';
import { AddressBlock } from '../network/cidr';
import { GkeUnitProps, gkeUnitPropProblems, PeerUnit, PropProblem, ReleaseChannel, UnitRole } from '../gke/gke-unit-props';
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

export interface UnitConfig {
  readonly name: string;
  readonly cloud: 'gke' | 'aks';
  readonly role: UnitRole;
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
  readonly dataStores?: { readonly placement: 'in-cluster' | 'subnet'; readonly subnetCidr?: string; readonly stores?: DataStoreKind[] };
  readonly serviceGroups?: string[];
  readonly dns?: { readonly managedZone: string; readonly domain: string; readonly project?: string };
  readonly egressLockdown?: boolean;
}

/** Where each GkeUnit prop comes from in a unit entry of units.yaml. */
const PROP_PATHS: Readonly<Partial<Record<keyof GkeUnitProps, readonly PathSegment[]>>> = {
  unitName: ['name'],
  role: ['role'],
  existingNetworkName: ['existingNetwork', 'network'],
  existingSubnetName: ['existingNetwork', 'subnet'],
  networkProject: ['existingNetwork', 'hostProject'],
  podsRangeName: ['existingNetwork', 'podsRangeName'],
  servicesRangeName: ['existingNetwork', 'servicesRangeName'],
  generalMachineType: ['nodePools', 'general', 'machineType'],
  generalMinNodesPerZone: ['nodePools', 'general', 'minNodesPerZone'],
  generalMaxNodesPerZone: ['nodePools', 'general', 'maxNodesPerZone'],
  realtimeMachineType: ['nodePools', 'realtime', 'machineType'],
  realtimeMinNodesPerZone: ['nodePools', 'realtime', 'minNodesPerZone'],
  realtimeMaxNodesPerZone: ['nodePools', 'realtime', 'maxNodesPerZone'],
  realtimeDrainMinutes: ['nodePools', 'realtime', 'drainMinutes'],
  thirdPartyMachineType: ['nodePools', 'thirdParty', 'machineType'],
  thirdPartyMinNodesPerZone: ['nodePools', 'thirdParty', 'minNodesPerZone'],
  thirdPartyMaxNodesPerZone: ['nodePools', 'thirdParty', 'maxNodesPerZone'],
  thirdPartyLocalSsdCount: ['nodePools', 'thirdParty', 'localSsdCount'],
  dataStoreSubnetCidr: ['dataStores', 'subnetCidr'],
  dataStores: ['dataStores', 'stores'],
  dnsManagedZone: ['dns', 'managedZone'],
  dnsDomain: ['dns', 'domain'],
  dnsProject: ['dns', 'project'],
};

/** The YAML path of a prop problem, inside the unit entry at `units[index]`. */
export function problemPath(unitIndex: number, problem: PropProblem): PathSegment[] {
  const at = PROP_PATHS[problem.prop] ?? [problem.prop];
  return ['units', unitIndex, ...at, ...(problem.index !== undefined ? [problem.index] : [])];
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
  let primary: number | undefined;
  config.units.forEach((unit, index) => {
    const earlier = names.get(unit.name);
    if (earlier !== undefined) {
      at(['units', index, 'name'], `unit name "${unit.name}" is already used by units[${earlier}] (${lineOf(['units', earlier, 'name'])}): give every unit of the group a distinct name`);
    } else {
      names.set(unit.name, index);
    }
    if (unit.role === 'primary') {
      if (primary !== undefined) {
        at(['units', index, 'role'], `unit "${unit.name}" is a second primary unit (units[${primary}] "${config.units[primary].name}" is primary): a unit group has exactly one primary unit (003 "Units"); make this one "secondary"`);
      } else {
        primary = index;
      }
    }
    if (unit.cloud === 'aks') {
      at(['units', index, 'cloud'], 'cloud "aks" is not supported yet: AKS units come with a later cxunit release; use "gke"');
      return;
    }
    if (unit.dataStores?.placement === 'in-cluster') {
      for (const key of ['subnetCidr', 'stores'] as const) {
        if (unit.dataStores[key] !== undefined) {
          at(['units', index, 'dataStores', key], `${key} is given with placement "in-cluster": remove it, or set placement to "subnet" when the data stores run outside the cluster`, true);
        }
      }
    }
    for (const problem of gkeUnitPropProblems(gkeUnitProps(unit, [], catalog))) at(problemPath(index, problem), problem.message);
  });
  if (primary === undefined) {
    at(['units'], 'no unit has role "primary": a unit group has exactly one primary unit (003 "Units"); set one unit\'s role to "primary"');
  }

  // Every range of the group is distinct (the units are peered): report each overlap once, at the later unit.
  const seen: Array<{ unit: number; key: PathSegment[]; name: string; block: AddressBlock }> = [];
  config.units.forEach((unit, index) => {
    const ranges: Array<[PathSegment[], string, string | undefined]> = [
      [['subnetCidr'], 'subnetCidr', unit.subnetCidr],
      [['podsCidr'], 'podsCidr', unit.podsCidr],
      [['servicesCidr'], 'servicesCidr', unit.servicesCidr],
      [['dataStores', 'subnetCidr'], 'data-store subnet', unit.dataStores?.placement === 'subnet' ? unit.dataStores.subnetCidr : undefined],
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

/** The GkeUnit props of a unit entry; `peers` are the other units of the group. */
export function gkeUnitProps(unit: UnitConfig, peers: readonly UnitConfig[], catalog: Catalog): GkeUnitProps {
  const pools = unit.nodePools ?? {};
  const dataStores = unit.dataStores?.placement === 'subnet' ? unit.dataStores : undefined;
  const props: GkeUnitProps = {
    unitName: unit.name,
    role: unit.role,
    project: unit.project,
    region: unit.region,
    zones: unit.zones,
    subnetCidr: unit.subnetCidr,
    podsCidr: unit.podsCidr,
    servicesCidr: unit.servicesCidr,
    catalog,
    existingNetworkName: unit.existingNetwork?.network,
    existingSubnetName: unit.existingNetwork?.subnet,
    networkProject: unit.existingNetwork?.hostProject,
    podsRangeName: unit.existingNetwork?.podsRangeName,
    servicesRangeName: unit.existingNetwork?.servicesRangeName,
    releaseChannel: unit.releaseChannel,
    minMasterVersion: unit.minMasterVersion,
    deletionProtection: unit.deletionProtection,
    generalMachineType: pools.general?.machineType,
    generalMinNodesPerZone: pools.general?.minNodesPerZone,
    generalMaxNodesPerZone: pools.general?.maxNodesPerZone,
    realtimeMachineType: pools.realtime?.machineType,
    realtimeMinNodesPerZone: pools.realtime?.minNodesPerZone,
    realtimeMaxNodesPerZone: pools.realtime?.maxNodesPerZone,
    realtimeDrainMinutes: pools.realtime?.drainMinutes,
    thirdPartyMachineType: pools.thirdParty?.machineType,
    thirdPartyMinNodesPerZone: pools.thirdParty?.minNodesPerZone,
    thirdPartyMaxNodesPerZone: pools.thirdParty?.maxNodesPerZone,
    thirdPartyLocalSsdCount: pools.thirdParty?.localSsdCount,
    diskSizeGb: unit.diskSizeGb,
    ingressSourceRanges: unit.ingressSourceRanges,
    healthCheckPort: unit.healthCheckPort,
    sbcSourceRanges: unit.sbcSourceRanges,
    rtpPortRange: unit.rtpPortRange,
    dataStoreSubnetCidr: dataStores?.subnetCidr,
    dataStores: dataStores?.stores,
    peerUnits: peers.map((peer): PeerUnit => ({
      unitName: peer.name,
      subnetCidr: peer.subnetCidr,
      podsCidr: peer.podsCidr,
      servicesCidr: peer.servicesCidr,
      ...(peer.sbcSourceRanges ? { sbcSourceRanges: peer.sbcSourceRanges } : {}),
    })),
    egressLockdown: unit.egressLockdown,
    dnsManagedZone: unit.dns?.managedZone,
    dnsDomain: unit.dns?.domain,
    dnsProject: unit.dns?.project,
    serviceGroups: unit.serviceGroups,
  };
  // Absent keys, not `undefined` values: the construct's defaults apply.
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined)) as unknown as GkeUnitProps;
}
