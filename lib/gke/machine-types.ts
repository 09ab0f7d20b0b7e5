import { NodePoolKind, NodePoolSpec } from '../architecture/types';

/**
 * Compute Engine machine families that cxunit knows, with their memory per vCPU. 003 "Deployment >
 * Node pools" specifies pools by memory ratio (general and real-time 4:1, third-party 8:1 with directly
 * attached NVMe), so a machine type is accepted or rejected by the ratio read from this table.
 * The figures are Google's published shapes (not in the vendor documents).
 */
export type LocalSsdSupport =
  /** Local NVMe SSD cannot be attached. */
  | 'none'
  /** Local NVMe SSD disks are attached by count (first- and second-generation series). */
  | 'attachable'
  /** The machine type comes with its own local SSD disks (Z3, `-lssd` shapes): GKE takes them all (count 0). */
  | 'bundled';

export interface MachineFamily {
  /** `n2-standard`, `z3-highmem`, `c3-standard-lssd` … (the machine type is `<family>-<vCPUs>[-suffix]`). */
  readonly family: string;
  readonly series: string;
  readonly gbPerVcpu: number;
  readonly localSsd: LocalSsdSupport;
  /** Whether the series takes `pd-ssd` boot disks (003 "Premium SSD"); N4 takes Hyperdisk only. */
  readonly pdSsd: boolean;
}

function family(series: string, shape: string, gbPerVcpu: number, localSsd: LocalSsdSupport, pdSsd = true): MachineFamily {
  return { family: `${series}-${shape}`, series, gbPerVcpu, localSsd, pdSsd };
}

export const MACHINE_FAMILIES: readonly MachineFamily[] = [
  family('e2', 'standard', 4, 'none'),
  family('e2', 'highmem', 8, 'none'),
  family('e2', 'highcpu', 1, 'none'),
  family('n2', 'standard', 4, 'attachable'),
  family('n2', 'highmem', 8, 'attachable'),
  family('n2', 'highcpu', 1, 'attachable'),
  family('n2d', 'standard', 4, 'attachable'),
  family('n2d', 'highmem', 8, 'attachable'),
  family('n2d', 'highcpu', 1, 'attachable'),
  family('n4', 'standard', 4, 'none', false),
  family('n4', 'highmem', 8, 'none', false),
  family('n4', 'highcpu', 2, 'none', false),
  family('c3', 'standard', 4, 'none'),
  family('c3', 'highmem', 8, 'none'),
  family('c3', 'highcpu', 2, 'none'),
  family('c3', 'standard-lssd', 4, 'bundled'),
  family('c3d', 'standard', 4, 'none'),
  family('c3d', 'highmem', 8, 'none'),
  family('c3d', 'highcpu', 2, 'none'),
  family('c3d', 'standard-lssd', 4, 'bundled'),
  family('c3d', 'highmem-lssd', 8, 'bundled'),
  family('t2d', 'standard', 4, 'none'),
  family('z3', 'highmem', 8, 'bundled'),
  family('n1', 'standard', 3.75, 'attachable'),
  family('n1', 'highmem', 6.5, 'attachable'),
  family('n1', 'highcpu', 0.9, 'attachable'),
];

/** Series that accept custom shapes `<series>-custom-<vCPUs>-<MiB>` (N1: `custom-<vCPUs>-<MiB>`). */
const CUSTOM_SERIES: Readonly<Record<string, { localSsd: LocalSsdSupport; pdSsd: boolean }>> = {
  e2: { localSsd: 'none', pdSsd: true },
  n2: { localSsd: 'attachable', pdSsd: true },
  n2d: { localSsd: 'attachable', pdSsd: true },
  n4: { localSsd: 'none', pdSsd: false },
  n1: { localSsd: 'attachable', pdSsd: true },
};

export interface MachineShape {
  readonly machineType: string;
  readonly family: string;
  readonly series: string;
  readonly vcpus: number;
  readonly gbPerVcpu: number;
  readonly localSsd: LocalSsdSupport;
  readonly pdSsd: boolean;
}

const PREDEFINED = /^([a-z][a-z0-9]*)-([a-z]+)-(\d+)(?:-(lssd|highlssd|standardlssd))?$/;
const CUSTOM = /^(?:([a-z][a-z0-9]*)-)?custom-(\d+)-(\d+)(-ext)?$/;

/** Reads a machine type's shape from the table; returns a message with the fix when it is unknown. */
export function machineShape(machineType: string): MachineShape | string {
  const custom = CUSTOM.exec(machineType);
  if (custom) {
    const series = custom[1] ?? 'n1';
    const support = CUSTOM_SERIES[series];
    const vcpus = Number(custom[2]);
    if (!support || vcpus === 0) return unknownMachineType(machineType);
    return { machineType, family: `${series}-custom`, series, vcpus, gbPerVcpu: Number(custom[3]) / 1024 / vcpus, ...support };
  }
  const predefined = PREDEFINED.exec(machineType);
  if (predefined) {
    const [, series, shape, vcpuText, suffix] = predefined;
    // Z3's -highlssd / -standardlssd shapes differ only in how many local SSDs come bundled.
    const familyName = suffix === 'lssd' ? `${series}-${shape}-lssd` : `${series}-${shape}`;
    const known = MACHINE_FAMILIES.find((f) => f.family === familyName && (suffix === undefined || suffix === 'lssd' || f.series === 'z3'));
    const vcpus = Number(vcpuText);
    if (known && vcpus > 0) return { machineType, family: known.family, series, vcpus, gbPerVcpu: known.gbPerVcpu, localSsd: known.localSsd, pdSsd: known.pdSsd };
  }
  return unknownMachineType(machineType);
}

function unknownMachineType(machineType: string): string {
  const families = MACHINE_FAMILIES.map((f) => f.family).join(', ');
  return `machine type "${machineType}" is not in cxunit's machine-type table: use one of the families ${families} (e.g. "n2-standard-8"), a custom type such as "n2-custom-8-32768", or add the family to lib/gke/machine-types.ts`;
}

/** GKE disk type for the catalog's disk kind (003 "Premium SSD"). */
export const GKE_DISK_TYPES: Readonly<Record<NodePoolSpec['disk'], string>> = { 'premium-ssd': 'pd-ssd' };

const POOL_NAMES: Readonly<Record<NodePoolKind, string>> = { general: 'general', realtime: 'real-time', thirdParty: 'third-party' };

/**
 * Why a machine type does not fit a node pool of the catalog (ratio, Premium SSD, local NVMe), or
 * undefined when it fits. The message names the bad value, the rule with its source, and a fix.
 */
export function machineTypeProblem(pool: NodePoolSpec, machineType: string): string | undefined {
  const shape = machineShape(machineType);
  if (typeof shape === 'string') return shape;
  const source = `${pool.reference.document.slice(0, 3)} "${pool.reference.table}"`;
  const poolName = `the ${POOL_NAMES[pool.kind]} node pool`;
  const suggestion = suggest(shape, pool);
  if (shape.gbPerVcpu !== pool.memoryGbPerVcpu) {
    const article = /^8/.test(String(pool.memoryGbPerVcpu)) ? 'an' : 'a';
    return `machine type "${machineType}" has ${formatRatio(shape.gbPerVcpu)} GB memory per vCPU, but ${poolName} needs ${pool.memoryGbPerVcpu} (${source}): use ${article} ${pool.memoryGbPerVcpu} GB/vCPU type such as "${suggestion}"`;
  }
  if (!shape.pdSsd) {
    return `machine type "${machineType}" cannot boot from pd-ssd (its series takes Hyperdisk only), but ${poolName} needs Premium SSD (${source}): use a type such as "${suggestion}"`;
  }
  if (pool.localNvme && shape.localSsd === 'none') {
    return `machine type "${machineType}" cannot attach local NVMe SSD, but ${poolName} needs directly attached NVMe (${source}): use a type such as "${suggestion}"`;
  }
  return undefined;
}

/** vCPU counts of the N2 standard and highmem shapes (the fallback suggestion keeps the size when it can). */
const N2_SIZES: readonly number[] = [2, 4, 8, 16, 32, 48, 64, 80, 96, 128];

/** The same series and size with the pool's ratio (and local SSD when needed), else a common default. */
function suggest(shape: MachineShape, pool: NodePoolSpec): string {
  const fits = (f: MachineFamily) => f.gbPerVcpu === pool.memoryGbPerVcpu && f.pdSsd && (!pool.localNvme || f.localSsd !== 'none');
  const sameSeries = MACHINE_FAMILIES.find((f) => f.series === shape.series && fits(f) && !f.family.endsWith('-lssd'));
  if (sameSeries && shape.series !== 'z3') return `${sameSeries.family}-${shape.vcpus}`;
  const vcpus = N2_SIZES.includes(shape.vcpus) ? shape.vcpus : 8;
  return `${pool.memoryGbPerVcpu === 8 ? 'n2-highmem' : 'n2-standard'}-${vcpus}`;
}

function formatRatio(gbPerVcpu: number): string {
  return Number.isInteger(gbPerVcpu) ? String(gbPerVcpu) : gbPerVcpu.toFixed(2).replace(/0+$/, '');
}
