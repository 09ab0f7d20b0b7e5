import { csiDrivers } from '../../../policies/aks/csi-drivers';
import { CLUSTER, cluster, compliantUnit, expectInBothShapes, pathIn, unitWith } from './aks-fixtures';

describe('aks.csi-drivers', () => {
  it('passes drivers on (and unset, their default)', () => {
    expectInBothShapes(csiDrivers, compliantUnit(), () => []);
    expectInBothShapes(csiDrivers, unitWith((d) => { delete cluster(d).storage_profile; }), () => []);
  });

  it('fails the Files CSI driver off, and the Disk CSI driver off', () => {
    expectInBothShapes(csiDrivers, unitWith((d) => { cluster(d).storage_profile = { disk_driver_enabled: false, file_driver_enabled: false }; }), (shape) => [
      { address: CLUSTER, path: pathIn(shape, CLUSTER, 'storage_profile', 'disk_driver_enabled'), message: 'storage_profile.disk_driver_enabled is false: the disk-standard and disk-premium storage classes need the Azure Disk CSI driver; set it to true' },
      { address: CLUSTER, path: pathIn(shape, CLUSTER, 'storage_profile', 'file_driver_enabled'), message: 'storage_profile.file_driver_enabled is false: the files-standard and files-standard-redundant storage classes need the Azure Files CSI driver; set it to true' },
    ]);
  });
});
