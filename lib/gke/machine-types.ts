import { NodePoolKind, NodePoolSpec } from '../architecture/types';
import { formatGbPerVcpu, MACHINE_FAMILIES, MachineFamily, MachineShape, machineShape as knownShape } from '../gcp/machine-types';

export { MACHINE_FAMILIES };

/**
 * Reads a machine type's shape from cxunit's machine-type table (lib/gcp/machine-types.ts, shared with
 * the gke.node-pools rule); returns a message with the fix when the table does not know it.
 */
export function machineShape(machineType: string): MachineShape | string {
  return knownShape(machineType) ?? unknownMachineType(machineType);
}

function unknownMachineType(machineType: string): string {
  const families = MACHINE_FAMILIES.map((f) => f.family).join(', ');
  return `machine type "${machineType}" is not in cxunit's machine-type table: use one of the families ${families} (e.g. "n2-standard-8"), a custom type such as "n2-custom-8-32768", or add the family to lib/gcp/machine-types.ts`;
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
    return `machine type "${machineType}" has ${formatGbPerVcpu(shape.gbPerVcpu)} GB memory per vCPU, but ${poolName} needs ${pool.memoryGbPerVcpu} (${source}): use ${article} ${pool.memoryGbPerVcpu} GB/vCPU type such as "${suggestion}"`;
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
