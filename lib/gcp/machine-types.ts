/**
 * Compute Engine machine types cxunit knows, with memory per vCPU: one table for the constructs (which
 * reject a wrong machine type at synth) and the gke.node-pools rule (which judges any Terraform JSON). 003 "Deployment >
 * Node pools" specifies the pools by memory ratio (general and real-time 4:1, third-party 8:1 with
 * directly attached NVMe); the figures below are Google's published machine shapes, not in the vendor
 * documents. A type not in this table cannot be verified (never guessed).
 */

/** How a series gets local SSD: not at all, attached by count, or bundled with the shape (`-lssd`, Z3). */
export type LocalSsd = 'none' | 'attachable' | 'bundled';

export interface MachineSeries {
  /** Memory per vCPU of each predefined shape the series offers (`standard`, `highmem`, `highcpu`). */
  readonly gbPerVcpu: Readonly<Partial<Record<'standard' | 'highmem' | 'highcpu', number>>>;
  readonly localSsd: LocalSsd;
  /** Whether the series boots from `pd-ssd` (003 "Premium SSD"); N4 takes Hyperdisk only. */
  readonly pdSsd: boolean;
  /** Whether `<series>-custom-<vCPUs>-<MiB>` shapes exist. */
  readonly custom: boolean;
}

export const MACHINE_SERIES: Readonly<Record<string, MachineSeries>> = {
  e2: { gbPerVcpu: { standard: 4, highmem: 8, highcpu: 1 }, localSsd: 'none', pdSsd: true, custom: true },
  n2: { gbPerVcpu: { standard: 4, highmem: 8, highcpu: 1 }, localSsd: 'attachable', pdSsd: true, custom: true },
  n2d: { gbPerVcpu: { standard: 4, highmem: 8, highcpu: 1 }, localSsd: 'attachable', pdSsd: true, custom: true },
  n4: { gbPerVcpu: { standard: 4, highmem: 8, highcpu: 2 }, localSsd: 'none', pdSsd: false, custom: true },
  c3: { gbPerVcpu: { standard: 4, highmem: 8, highcpu: 2 }, localSsd: 'none', pdSsd: true, custom: false },
  c3d: { gbPerVcpu: { standard: 4, highmem: 8, highcpu: 2 }, localSsd: 'none', pdSsd: true, custom: false },
  t2d: { gbPerVcpu: { standard: 4 }, localSsd: 'none', pdSsd: true, custom: false },
  z3: { gbPerVcpu: { highmem: 8 }, localSsd: 'bundled', pdSsd: true, custom: false },
  n1: { gbPerVcpu: { standard: 3.75, highmem: 6.5, highcpu: 0.9 }, localSsd: 'attachable', pdSsd: true, custom: true },
};

/** E2 shared-core shapes: 2 vCPUs (bursting) with a fixed memory size. */
const SHARED_CORE: Readonly<Record<string, { vcpus: number; memoryGb: number }>> = {
  'e2-micro': { vcpus: 2, memoryGb: 1 },
  'e2-small': { vcpus: 2, memoryGb: 2 },
  'e2-medium': { vcpus: 2, memoryGb: 4 },
};

/** GKE's machine type when a node pool sets none. */
export const GKE_DEFAULT_MACHINE_TYPE = 'e2-medium';

export interface MachineShape {
  readonly machineType: string;
  readonly series: string;
  readonly vcpus: number;
  readonly gbPerVcpu: number;
  readonly localSsd: LocalSsd;
  readonly pdSsd: boolean;
}

const PREDEFINED = /^([a-z][a-z0-9]*)-(standard|highmem|highcpu)-(\d+)(?:-(lssd|standardlssd|highlssd))?$/;
const CUSTOM = /^(?:([a-z][a-z0-9]*)-)?custom-(\d+)-(\d+)(?:-ext)?$/;

/** The shape of a machine type, or undefined when the table does not know it. */
export function machineShape(machineType: string): MachineShape | undefined {
  const shared = SHARED_CORE[machineType];
  if (shared) return { machineType, series: 'e2', vcpus: shared.vcpus, gbPerVcpu: shared.memoryGb / shared.vcpus, localSsd: 'none', pdSsd: true };
  const custom = CUSTOM.exec(machineType);
  if (custom) {
    // N1 custom types carry no series prefix: `custom-4-16384`.
    const seriesName = custom[1] ?? 'n1';
    const series = MACHINE_SERIES[seriesName];
    const vcpus = Number(custom[2]);
    if (!series?.custom || vcpus === 0) return undefined;
    return { machineType, series: seriesName, vcpus, gbPerVcpu: Number(custom[3]) / 1024 / vcpus, localSsd: series.localSsd, pdSsd: series.pdSsd };
  }
  const predefined = PREDEFINED.exec(machineType);
  if (!predefined) return undefined;
  const [, seriesName, shape, vcpuText, suffix] = predefined;
  const series = MACHINE_SERIES[seriesName];
  const gbPerVcpu = series?.gbPerVcpu[shape as keyof MachineSeries['gbPerVcpu']];
  const vcpus = Number(vcpuText);
  if (!series || gbPerVcpu === undefined || vcpus === 0) return undefined;
  if (suffix === 'lssd' && seriesName !== 'c3' && seriesName !== 'c3d') return undefined;
  if ((suffix === 'standardlssd' || suffix === 'highlssd') && seriesName !== 'z3') return undefined;
  return { machineType, series: seriesName, vcpus, gbPerVcpu, localSsd: suffix ? 'bundled' : series.localSsd, pdSsd: series.pdSsd };
}

export interface MachineFamily {
  /** `n2-standard`: a machine type is `<family>-<vCPUs>[-suffix]`. */
  readonly family: string;
  readonly series: string;
  readonly gbPerVcpu: number;
  readonly localSsd: LocalSsd;
  readonly pdSsd: boolean;
}

/** Every predefined family of the table (`n2-standard`, `z3-highmem` …), in table order. */
export const MACHINE_FAMILIES: readonly MachineFamily[] = Object.entries(MACHINE_SERIES).flatMap(([series, spec]) =>
  Object.entries(spec.gbPerVcpu).map(([shape, gbPerVcpu]) => ({ family: `${series}-${shape}`, series, gbPerVcpu: gbPerVcpu!, localSsd: spec.localSsd, pdSsd: spec.pdSsd })));

/** Memory per vCPU as printed in messages: `4`, `3.75`, `0.9`. */
export function formatGbPerVcpu(gbPerVcpu: number): string {
  return String(Math.round(gbPerVcpu * 100) / 100);
}
