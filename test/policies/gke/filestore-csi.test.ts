import { filestoreCsi } from '../../../policies/gke/filestore-csi';
import { expected, violations } from './stack-fixtures';

const CLUSTER = 'google_container_cluster.unit_cluster';
const AT = 'resource.google_container_cluster.unit_cluster';

describe('gke.filestore-csi', () => {
  it('passes a cluster with the Filestore CSI driver enabled', () => {
    expect(violations(filestoreCsi, 'gke/filestore-csi/compliant.json')).toEqual([]);
  });

  it('passes the plan shape', () => {
    expect(violations(filestoreCsi, 'gke/filestore-csi/compliant.plan.json')).toEqual([]);
  });

  it('fails when the driver is not configured (off by default)', () => {
    expect(violations(filestoreCsi, 'gke/filestore-csi/addons-unset.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.addons_config`,
      message: 'addons_config.gcp_filestore_csi_driver_config.enabled is not set and the driver is off by default: set it to true (the RWX storage classes need it)',
    }));
  });

  it('fails when the driver is disabled', () => {
    expect(violations(filestoreCsi, 'gke/filestore-csi/disabled.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.addons_config.gcp_filestore_csi_driver_config.enabled`,
      message: 'addons_config.gcp_filestore_csi_driver_config.enabled is false: set it to true (the RWX storage classes need it)',
    }));
  });

  it('passes an Autopilot cluster that leaves the driver unset (GKE enables it by default there)', () => {
    expect(violations(filestoreCsi, 'gke/filestore-csi/autopilot.json')).toEqual([]);
  });

  it('fails an Autopilot cluster that disables the driver', () => {
    expect(violations(filestoreCsi, 'gke/filestore-csi/autopilot-disabled.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.addons_config.gcp_filestore_csi_driver_config.enabled`,
      message: 'addons_config.gcp_filestore_csi_driver_config.enabled is false: set it to true (the RWX storage classes need it)',
    }));
  });

  it('cannot verify an unresolved enabled', () => {
    expect(violations(filestoreCsi, 'gke/filestore-csi/unresolved.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.addons_config.gcp_filestore_csi_driver_config.enabled`,
      message: 'cannot verify that the Filestore CSI driver is enabled: addons_config.gcp_filestore_csi_driver_config.enabled is an unresolved reference (${var.filestore})',
      cannotVerify: true,
    }));
  });
});
