import { formatGbPerVcpu, machineShape } from '../../lib/gcp/machine-types';

describe('the machine-type table', () => {
  it.each([
    ['e2-standard-8', 8, 4, 'none'],
    ['n2-standard-8', 8, 4, 'attachable'],
    ['n2d-highmem-16', 16, 8, 'attachable'],
    ['n4-highcpu-8', 8, 2, 'none'],
    ['c3-standard-4-lssd', 4, 4, 'bundled'],
    ['c3d-highmem-8-lssd', 8, 8, 'bundled'],
    ['t2d-standard-4', 4, 4, 'none'],
    ['e2-highcpu-4', 4, 1, 'none'],
    ['n1-standard-8', 8, 3.75, 'attachable'],
    ['z3-highmem-88', 88, 8, 'bundled'],
    ['z3-highmem-14-standardlssd', 14, 8, 'bundled'],
    ['n2-custom-8-32768', 8, 4, 'attachable'],
    ['n2-custom-6-49152-ext', 6, 8, 'attachable'],
    ['custom-4-15360', 4, 3.75, 'attachable'],
    ['e2-medium', 2, 2, 'none'],
  ])('%s has %d vCPUs, %d GB per vCPU, local SSD %s', (machineType, vcpus, gbPerVcpu, localSsd) => {
    expect(machineShape(machineType)).toMatchObject({ machineType, vcpus, gbPerVcpu, localSsd });
  });

  it('knows that N4 boots from Hyperdisk only', () => {
    expect(machineShape('n4-standard-8')?.pdSsd).toBe(false);
    expect(machineShape('n2-standard-8')?.pdSsd).toBe(true);
  });

  it.each(['a2-highgpu-1g', 'n2-standard', 'n2-ultramem-8', 't2d-highmem-4', 'n2-standard-8-lssd', 'c3-custom-4-16384', 'n2-custom-0-1024', 'standard-8'])(
    'does not guess %s',
    (machineType) => expect(machineShape(machineType)).toBeUndefined(),
  );

  it('prints ratios without noise', () => {
    expect([4, 3.75, 0.9, 32768 / 1024 / 9].map(formatGbPerVcpu)).toEqual(['4', '3.75', '0.9', '3.56']);
  });
});
