/**
 * Azure VM sizes cxunit knows: one table for AksUnit (which rejects a wrong size at synth) and the
 * aks.node-pools rule (which judges any Terraform JSON). 003 "Deployment > Node pools" specifies the pools
 * by memory ratio and disks: general and real-time "general-purpose compute instances with Premium SSD"
 * at 4 GB per vCPU, third-party "storage-optimized nodes with directly attached NVMe and Premium SSD" at
 * 8 GB per vCPU. The figures are Microsoft's published size tables (Dsv5, Ddsv5, Dasv5, Dadsv5, Dsv4,
 * Ddsv4, Dv5, Esv5, Edsv5, Fsv2, Lsv3, Lasv3, Lsv2) and its naming convention ("s" = premium storage
 * capable, "d" = a local temp disk), not the vendor documents. A size not in this table cannot be
 * verified (never guessed).
 */

export interface VmSeries {
  /** Human name of the series, as Microsoft's size tables title it (`Dsv5`). */
  readonly series: string;
  /** vCPU counts the series offers. */
  readonly vcpus: readonly number[];
  readonly gbPerVcpu: number;
  /** Premium SSD disks (managed OS disk and data disks) can attach: 003's "Premium SSD". */
  readonly premiumStorage: boolean;
  /** Directly attached NVMe disks per 8 vCPUs (Lsv3 / Lasv3 / Lsv2: one 1.92 TB disk per 8 vCPUs). */
  readonly nvmePer8Vcpus: number;
  /** A local temp (SCSI or NVMe) disk that can hold an ephemeral OS disk. */
  readonly localDisk: boolean;
}

/** Size names are `Standard_<family><vCPUs><features>_v<version>`; the key is the name with `{n}` for the vCPUs. */
export const VM_SERIES: Readonly<Record<string, VmSeries>> = {
  'Standard_D{n}s_v5': { series: 'Dsv5', vcpus: [2, 4, 8, 16, 32, 48, 64, 96], gbPerVcpu: 4, premiumStorage: true, nvmePer8Vcpus: 0, localDisk: false },
  'Standard_D{n}ds_v5': { series: 'Ddsv5', vcpus: [2, 4, 8, 16, 32, 48, 64, 96], gbPerVcpu: 4, premiumStorage: true, nvmePer8Vcpus: 0, localDisk: true },
  'Standard_D{n}as_v5': { series: 'Dasv5', vcpus: [2, 4, 8, 16, 32, 48, 64, 96], gbPerVcpu: 4, premiumStorage: true, nvmePer8Vcpus: 0, localDisk: false },
  'Standard_D{n}ads_v5': { series: 'Dadsv5', vcpus: [2, 4, 8, 16, 32, 48, 64, 96], gbPerVcpu: 4, premiumStorage: true, nvmePer8Vcpus: 0, localDisk: true },
  'Standard_D{n}s_v4': { series: 'Dsv4', vcpus: [2, 4, 8, 16, 32, 48, 64], gbPerVcpu: 4, premiumStorage: true, nvmePer8Vcpus: 0, localDisk: false },
  'Standard_D{n}ds_v4': { series: 'Ddsv4', vcpus: [2, 4, 8, 16, 32, 48, 64], gbPerVcpu: 4, premiumStorage: true, nvmePer8Vcpus: 0, localDisk: true },
  'Standard_D{n}_v5': { series: 'Dv5', vcpus: [2, 4, 8, 16, 32, 48, 64, 96], gbPerVcpu: 4, premiumStorage: false, nvmePer8Vcpus: 0, localDisk: false },
  'Standard_E{n}s_v5': { series: 'Esv5', vcpus: [2, 4, 8, 16, 20, 32, 48, 64, 96, 104], gbPerVcpu: 8, premiumStorage: true, nvmePer8Vcpus: 0, localDisk: false },
  'Standard_E{n}ds_v5': { series: 'Edsv5', vcpus: [2, 4, 8, 16, 20, 32, 48, 64, 96, 104], gbPerVcpu: 8, premiumStorage: true, nvmePer8Vcpus: 0, localDisk: true },
  'Standard_F{n}s_v2': { series: 'Fsv2', vcpus: [2, 4, 8, 16, 32, 48, 64, 72], gbPerVcpu: 2, premiumStorage: true, nvmePer8Vcpus: 0, localDisk: true },
  'Standard_L{n}s_v3': { series: 'Lsv3', vcpus: [8, 16, 32, 48, 64, 80], gbPerVcpu: 8, premiumStorage: true, nvmePer8Vcpus: 1, localDisk: true },
  'Standard_L{n}as_v3': { series: 'Lasv3', vcpus: [8, 16, 32, 48, 64, 80], gbPerVcpu: 8, premiumStorage: true, nvmePer8Vcpus: 1, localDisk: true },
  'Standard_L{n}s_v2': { series: 'Lsv2', vcpus: [8, 16, 32, 48, 64, 80], gbPerVcpu: 8, premiumStorage: true, nvmePer8Vcpus: 1, localDisk: true },
};

export interface VmShape {
  readonly vmSize: string;
  readonly series: string;
  readonly vcpus: number;
  readonly gbPerVcpu: number;
  readonly premiumStorage: boolean;
  /** Directly attached NVMe disks. */
  readonly nvmeDisks: number;
  readonly localDisk: boolean;
}

const SIZE = /^Standard_([A-Z])(\d+)([a-z]*)_(v\d+)$/i;

/** The shape of a VM size (case-insensitive, as Azure treats them), or undefined when the table does not know it. */
export function vmShape(vmSize: string): VmShape | undefined {
  const match = SIZE.exec(vmSize.trim());
  if (!match) return undefined;
  const [, family, vcpuText, features, version] = match;
  const key = Object.keys(VM_SERIES).find((k) => k.toLowerCase() === `standard_${family}{n}${features}_${version}`.toLowerCase());
  const series = key ? VM_SERIES[key] : undefined;
  const vcpus = Number(vcpuText);
  if (!series || !series.vcpus.includes(vcpus)) return undefined;
  return {
    vmSize, series: series.series, vcpus, gbPerVcpu: series.gbPerVcpu, premiumStorage: series.premiumStorage,
    nvmeDisks: Math.floor(vcpus / 8) * series.nvmePer8Vcpus, localDisk: series.localDisk,
  };
}

/** Every series with its size pattern, in table order (for messages that suggest sizes). */
export function seriesWith(predicate: (series: VmSeries) => boolean): string[] {
  return Object.entries(VM_SERIES).filter(([, s]) => predicate(s)).map(([pattern]) => pattern);
}

const POOL_NAMES: Readonly<Record<string, string>> = { general: 'general', realtime: 'real-time', thirdParty: 'third-party' };

/** What 003 asks of one node pool's nodes (the catalog's node-pools.yaml entry, structurally). */
export interface PoolNeeds {
  readonly kind: string;
  readonly memoryGbPerVcpu: number;
  readonly localNvme: boolean;
  readonly reference: { readonly document: string; readonly table: string };
}

/**
 * Why a VM size does not fit a node pool of the catalog (ratio, Premium SSD, local NVMe), or undefined
 * when it fits. The message names the bad value, the requirement with its source, and a fix.
 */
export function vmSizeProblem(pool: PoolNeeds, vmSize: string): string | undefined {
  const shape = vmShape(vmSize);
  const fits = (s: VmSeries) => s.gbPerVcpu === pool.memoryGbPerVcpu && s.premiumStorage && (!pool.localNvme || s.nvmePer8Vcpus > 0);
  const suggestion = suggestSize(shape, fits);
  if (!shape) {
    return `VM size "${vmSize}" is not in cxunit's VM size table: use a size of ${seriesWith(fits).join(', ')} (e.g. "${suggestion}"), or add its series to lib/azure/vm-sizes.ts`;
  }
  const source = `${pool.reference.document.slice(0, 3)} "${pool.reference.table}"`;
  const poolName = `the ${POOL_NAMES[pool.kind] ?? pool.kind} node pool`;
  if (shape.gbPerVcpu !== pool.memoryGbPerVcpu) {
    return `VM size "${vmSize}" has ${shape.gbPerVcpu} GB memory per vCPU, but ${poolName} needs ${pool.memoryGbPerVcpu} (${source}): use a size such as "${suggestion}"`;
  }
  if (!shape.premiumStorage) {
    return `VM size "${vmSize}" cannot use Premium SSD (no "s" in the size name), but ${poolName} needs Premium SSD (${source}): use a size such as "${suggestion}"`;
  }
  if (pool.localNvme && shape.nvmeDisks === 0) {
    return `VM size "${vmSize}" has no directly attached NVMe disk, but ${poolName} needs directly attached NVMe (${source}): use a size such as "${suggestion}"`;
  }
  return undefined;
}

function suggestSize(shape: VmShape | undefined, fits: (s: VmSeries) => boolean): string {
  const candidates = Object.entries(VM_SERIES).filter(([, s]) => fits(s));
  const vcpus = shape?.vcpus ?? 8;
  const [pattern, series] = candidates.find(([, s]) => s.vcpus.includes(vcpus)) ?? candidates[0];
  return pattern.replace('{n}', String(series.vcpus.includes(vcpus) ? vcpus : 8));
}
