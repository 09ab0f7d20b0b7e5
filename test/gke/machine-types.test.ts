import { Catalog } from '../../lib/architecture/catalog';
import { MACHINE_FAMILIES, machineShape, machineTypeProblem } from '../../lib/gke/machine-types';

const catalog = Catalog.default();
const general = catalog.nodePool('general');
const realtime = catalog.nodePool('realtime');
const thirdParty = catalog.nodePool('thirdParty');

describe('machine-type table', () => {
  it('reads the memory per vCPU of predefined, custom and local-SSD shapes', () => {
    const ratio = (machineType: string) => {
      const shape = machineShape(machineType);
      if (typeof shape === 'string') throw new Error(shape);
      return [shape.gbPerVcpu, shape.localSsd];
    };
    expect(ratio('n2-standard-8')).toEqual([4, 'attachable']);
    expect(ratio('e2-standard-4')).toEqual([4, 'none']);
    expect(ratio('n2-highmem-16')).toEqual([8, 'attachable']);
    expect(ratio('e2-highcpu-16')).toEqual([1, 'none']);
    expect(ratio('n1-standard-4')).toEqual([3.75, 'attachable']);
    expect(ratio('n2-custom-8-32768')).toEqual([4, 'attachable']);
    expect(ratio('n2-custom-8-32768-ext')).toEqual([4, 'attachable']);
    expect(ratio('custom-4-15360')).toEqual([3.75, 'attachable']);
    expect(ratio('z3-highmem-88')).toEqual([8, 'bundled']);
    expect(ratio('z3-highmem-8-highlssd')).toEqual([8, 'bundled']);
    expect(ratio('c3-standard-8-lssd')).toEqual([4, 'bundled']);
    expect(ratio('c3d-highmem-8-lssd')).toEqual([8, 'bundled']);
  });

  it('has the documented families with their ratios', () => {
    const ratios = Object.fromEntries(MACHINE_FAMILIES.map((f) => [f.family, f.gbPerVcpu]));
    for (const series of ['e2', 'n2', 'n2d', 'n4', 'c3', 'c3d', 't2d']) expect(ratios[`${series}-standard`]).toBe(4);
    for (const series of ['e2', 'n2', 'n2d', 'n4', 'c3', 'c3d', 'z3']) expect(ratios[`${series}-highmem`]).toBe(8);
    for (const series of ['e2', 'n2', 'n2d']) expect(ratios[`${series}-highcpu`]).toBe(1);
    expect(ratios['n1-standard']).toBe(3.75);
  });

  it('accepts 4 GB/vCPU types for the general and real-time pools', () => {
    for (const machineType of ['n2-standard-8', 'e2-standard-4', 'n2d-standard-16', 'c3-standard-8', 'c3d-standard-8', 't2d-standard-8', 'n2-custom-8-32768']) {
      expect(machineTypeProblem(general, machineType)).toBeUndefined();
      expect(machineTypeProblem(realtime, machineType)).toBeUndefined();
    }
  });

  it('accepts 8 GB/vCPU types with local NVMe SSD for the third-party pool', () => {
    for (const machineType of ['n2-highmem-8', 'n2d-highmem-16', 'z3-highmem-88', 'c3d-highmem-8-lssd', 'n2-custom-4-32768']) {
      expect(machineTypeProblem(thirdParty, machineType)).toBeUndefined();
    }
  });

  it('rejects a highmem type for the general pool, with the same-size standard type as the fix', () => {
    expect(machineTypeProblem(general, 'n2-highmem-8')).toBe(
      'machine type "n2-highmem-8" has 8 GB memory per vCPU, but the general node pool needs 4 (003 "Deployment > Node pools"): use a 4 GB/vCPU type such as "n2-standard-8"');
  });

  it('rejects n1-standard (3.75 GB/vCPU) for the real-time pool', () => {
    expect(machineTypeProblem(realtime, 'n1-standard-16')).toBe(
      'machine type "n1-standard-16" has 3.75 GB memory per vCPU, but the real-time node pool needs 4 (003 "Deployment > Node pools"): use a 4 GB/vCPU type such as "n2-standard-16"');
  });

  it('rejects a custom type with the wrong ratio', () => {
    expect(machineTypeProblem(general, 'n2-custom-8-16384')).toBe(
      'machine type "n2-custom-8-16384" has 2 GB memory per vCPU, but the general node pool needs 4 (003 "Deployment > Node pools"): use a 4 GB/vCPU type such as "n2-standard-8"');
  });

  it('rejects a standard type for the third-party pool', () => {
    expect(machineTypeProblem(thirdParty, 'n2d-standard-16')).toBe(
      'machine type "n2d-standard-16" has 4 GB memory per vCPU, but the third-party node pool needs 8 (003 "Deployment > Node pools"): use an 8 GB/vCPU type such as "n2d-highmem-16"');
  });

  it('rejects a third-party type that cannot attach local NVMe SSD', () => {
    expect(machineTypeProblem(thirdParty, 'e2-highmem-8')).toBe(
      'machine type "e2-highmem-8" cannot attach local NVMe SSD, but the third-party node pool needs directly attached NVMe (003 "Deployment > Node pools"): use a type such as "n2-highmem-8"');
  });

  it('rejects N4, which cannot boot from pd-ssd', () => {
    expect(machineTypeProblem(general, 'n4-standard-8')).toBe(
      'machine type "n4-standard-8" cannot boot from pd-ssd (its series takes Hyperdisk only), but the general node pool needs Premium SSD (003 "Deployment > Node pools"): use a type such as "n2-standard-8"');
  });

  it('rejects a machine type that is not in the table', () => {
    expect(machineTypeProblem(general, 'x9-standard-8')).toBe(
      'machine type "x9-standard-8" is not in cxunit\'s machine-type table: use one of the families e2-standard, e2-highmem, e2-highcpu, n2-standard, n2-highmem, n2-highcpu, n2d-standard, n2d-highmem, n2d-highcpu, n4-standard, n4-highmem, n4-highcpu, c3-standard, c3-highmem, c3-highcpu, c3d-standard, c3d-highmem, c3d-highcpu, t2d-standard, z3-highmem, n1-standard, n1-highmem, n1-highcpu (e.g. "n2-standard-8"), a custom type such as "n2-custom-8-32768", or add the family to lib/gcp/machine-types.ts');
    for (const machineType of ['n2-standard', 'n2-standard-8-lssd', 'n2-standard-0', 'k9-custom-8-32768']) {
      expect(machineTypeProblem(general, machineType)).toMatch(/^machine type ".*" is not in cxunit's machine-type table/);
    }
  });
});
