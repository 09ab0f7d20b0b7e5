import { Catalog } from '../../lib/architecture/catalog';
import { vmShape, vmSizeProblem } from '../../lib/azure/vm-sizes';

/** Figures from Microsoft's size tables (Dsv5, Ddsv5, Esv5, Fsv2, Lsv3, Lasv3), typed in by hand. */
describe('the VM size table', () => {
  it.each([
    ['Standard_D8s_v5', 8, 4, true, 0, false],
    ['Standard_D96s_v5', 96, 4, true, 0, false],
    ['Standard_D8ds_v5', 8, 4, true, 0, true],
    ['Standard_D16as_v5', 16, 4, true, 0, false],
    ['Standard_D8_v5', 8, 4, false, 0, false],
    ['Standard_E8s_v5', 8, 8, true, 0, false],
    ['Standard_F8s_v2', 8, 2, true, 0, true],
    ['Standard_L8s_v3', 8, 8, true, 1, true],
    ['Standard_L80s_v3', 80, 8, true, 10, true],
    ['Standard_L32as_v3', 32, 8, true, 4, true],
    ['standard_d8s_v5', 8, 4, true, 0, false],
  ])('%s: %d vCPUs, %d GB per vCPU, premium %s, %d NVMe, local disk %s', (vmSize, vcpus, gbPerVcpu, premiumStorage, nvmeDisks, localDisk) => {
    expect(vmShape(vmSize)).toMatchObject({ vcpus, gbPerVcpu, premiumStorage, nvmeDisks, localDisk });
  });

  it.each(['Standard_B4ms', 'Standard_D7s_v5', 'Standard_L4s_v3', 'Standard_M128s', 'D8s_v5', 'Standard_D8s'])('does not guess %s', (vmSize) => {
    expect(vmShape(vmSize)).toBeUndefined();
  });

  const catalog = Catalog.default();
  it('accepts the sizes each pool of 003 needs', () => {
    expect(vmSizeProblem(catalog.nodePool('general'), 'Standard_D8s_v5')).toBeUndefined();
    expect(vmSizeProblem(catalog.nodePool('realtime'), 'Standard_D16ds_v5')).toBeUndefined();
    expect(vmSizeProblem(catalog.nodePool('thirdParty'), 'Standard_L8s_v3')).toBeUndefined();
  });

  it('explains each misfit with the fix', () => {
    expect(vmSizeProblem(catalog.nodePool('general'), 'Standard_E8s_v5')).toBe('VM size "Standard_E8s_v5" has 8 GB memory per vCPU, but the general node pool needs 4 (003 "Deployment > Node pools"): use a size such as "Standard_D8s_v5"');
    expect(vmSizeProblem(catalog.nodePool('realtime'), 'Standard_D8_v5')).toBe('VM size "Standard_D8_v5" cannot use Premium SSD (no "s" in the size name), but the real-time node pool needs Premium SSD (003 "Deployment > Node pools"): use a size such as "Standard_D8s_v5"');
    expect(vmSizeProblem(catalog.nodePool('thirdParty'), 'Standard_E16s_v5')).toBe('VM size "Standard_E16s_v5" has no directly attached NVMe disk, but the third-party node pool needs directly attached NVMe (003 "Deployment > Node pools"): use a size such as "Standard_L16s_v3"');
    expect(vmSizeProblem(catalog.nodePool('general'), 'Standard_B4ms')).toBe('VM size "Standard_B4ms" is not in cxunit\'s VM size table: use a size of Standard_D{n}s_v5, Standard_D{n}ds_v5, Standard_D{n}as_v5, Standard_D{n}ads_v5, Standard_D{n}s_v4, Standard_D{n}ds_v4 (e.g. "Standard_D8s_v5"), or add its series to lib/azure/vm-sizes.ts');
  });
});
