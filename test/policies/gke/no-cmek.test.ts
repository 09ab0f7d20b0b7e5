import { noCmek } from '../../../policies/gke/no-cmek';
import { expected, violations } from './stack-fixtures';

const CLUSTER = 'google_container_cluster.unit_cluster';
const AT = 'resource.google_container_cluster.unit_cluster';

describe('gke.no-cmek', () => {
  it('passes Google-managed encryption everywhere (empty key strings and customer-supplied raw keys are not CMEK)', () => {
    expect(violations(noCmek, 'gke/no-cmek/compliant.json')).toEqual([]);
  });

  it('fails when application-layer secrets encryption is ENCRYPTED', () => {
    expect(violations(noCmek, 'gke/no-cmek/database-encryption.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.database_encryption.state`,
      message: 'database_encryption.state is "ENCRYPTED": application-layer secrets encryption uses a customer-managed key, which is not supported; remove database_encryption',
    }));
  });

  it('fails when database_encryption names a key without a state', () => {
    expect(violations(noCmek, 'gke/no-cmek/database-key-name.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.database_encryption.key_name`,
      message: 'the cluster sets database_encryption.key_name = "projects/p/locations/us-west1/keyRings/r/cryptoKeys/etcd": customer-managed keys are not supported; remove it',
    }));
  });

  it('fails when a node pool\'s boot disk references a KMS key (an unresolved key reference is a key)', () => {
    expect(violations(noCmek, 'gke/no-cmek/boot-disk-key.json')).toEqual(expected({
      address: 'google_container_node_pool.general',
      path: 'resource.google_container_node_pool.general.node_config.boot_disk_kms_key',
      message: 'node pool "general" sets node_config.boot_disk_kms_key to a key (${google_kms_crypto_key.nodes.id}): customer-managed keys are not supported; remove it',
    }));
  });

  it('fails when node auto-provisioning encrypts boot disks with a key', () => {
    expect(violations(noCmek, 'gke/no-cmek/auto-provisioning-key.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.cluster_autoscaling.auto_provisioning_defaults.boot_disk_kms_key`,
      message: 'node auto-provisioning sets cluster_autoscaling.auto_provisioning_defaults.boot_disk_kms_key = "projects/p/locations/us-west1/keyRings/r/cryptoKeys/nodes": customer-managed keys are not supported; remove it',
    }));
  });

  it('fails when a Compute Engine disk uses kms_key_self_link', () => {
    expect(violations(noCmek, 'gke/no-cmek/disk-key.json')).toEqual(expected({
      address: 'google_compute_region_disk.data',
      path: 'resource.google_compute_region_disk.data.disk_encryption_key.kms_key_self_link',
      message: 'disk google_compute_region_disk.data sets disk_encryption_key.kms_key_self_link = "projects/p/locations/us-west1/keyRings/r/cryptoKeys/disks": customer-managed keys are not supported; remove it',
    }));
  });

  it('fails when a Filestore instance sets kms_key_name', () => {
    expect(violations(noCmek, 'gke/no-cmek/filestore-key.json')).toEqual(expected({
      address: 'google_filestore_instance.shared',
      path: 'resource.google_filestore_instance.shared.kms_key_name',
      message: 'Filestore instance google_filestore_instance.shared sets kms_key_name = "projects/p/locations/us-west1/keyRings/r/cryptoKeys/files": customer-managed keys are not supported; remove it',
    }));
  });

  it('fails on StorageClass KMS parameters, typed and in manifests', () => {
    expect(violations(noCmek, 'gke/no-cmek/storage-class-key.json')).toEqual(expected(
      {
        address: 'kubernetes_storage_class_v1.premium_cmek',
        path: 'resource.kubernetes_storage_class_v1.premium_cmek.parameters.disk-encryption-kms-key',
        message: 'StorageClass kubernetes_storage_class_v1.premium_cmek sets parameters.disk-encryption-kms-key = "projects/p/locations/us-west1/keyRings/r/cryptoKeys/pv": customer-managed keys are not supported; remove it',
      },
      {
        address: 'kubernetes_manifest.filestore_cmek',
        path: 'resource.kubernetes_manifest.filestore_cmek.manifest.parameters.instance-encryption-kms-key',
        message: 'StorageClass kubernetes_manifest.filestore_cmek sets parameters.instance-encryption-kms-key = "projects/p/locations/us-west1/keyRings/r/cryptoKeys/files": customer-managed keys are not supported; remove it',
      },
    ));
  });

  it('fails on the plan shape, fails a key unknown until apply that the configuration takes from a KMS key, and cannot verify another', () => {
    expect(violations(noCmek, 'gke/no-cmek/cmek.plan.json')).toEqual(expected(
      {
        address: CLUSTER,
        path: 'planned_values.root_module.resources[0].values.database_encryption[0].state',
        message: 'database_encryption.state is "ENCRYPTED": application-layer secrets encryption uses a customer-managed key, which is not supported; remove database_encryption',
      },
      {
        address: 'google_container_node_pool.general',
        path: 'planned_values.root_module.resources[1].values.node_config[0].boot_disk_kms_key',
        message: 'cannot verify that node pool "general" uses no customer-managed key: node_config[0].boot_disk_kms_key is unknown until apply',
        cannotVerify: true,
      },
      {
        address: 'google_container_node_pool.realtime',
        path: 'planned_values.root_module.resources[2].values.node_config[0].boot_disk_kms_key',
        message: 'node pool "realtime" sets node_config.boot_disk_kms_key to a key (google_kms_crypto_key.nodes.id): customer-managed keys are not supported; remove it',
      },
    ));
  });

  it('cannot verify lookup(each.value, "boot_disk_kms_key", "") over a variable map: it may be no key, so it is not called a key', () => {
    expect(violations(noCmek, 'gke/no-cmek/lookup-default.json')).toEqual(expected({
      address: 'google_container_node_pool.pools',
      path: 'resource.google_container_node_pool.pools.node_config.boot_disk_kms_key',
      message: 'cannot verify that node pool google_container_node_pool.pools uses no customer-managed key: node_config.boot_disk_kms_key is an unresolved reference (${lookup(each.value, "boot_disk_kms_key", "")})',
      cannotVerify: true,
    }));
  });

  it('resolves lookup(each.value, …, "") over a literal for_each: the default "" is no key, a given key is one', () => {
    expect(violations(noCmek, 'gke/no-cmek/lookup-literal.json')).toEqual(expected({
      address: 'google_container_node_pool.pools["realtime"]',
      path: 'resource.google_container_node_pool.pools.node_config.boot_disk_kms_key',
      message: 'node pool "realtime" sets node_config.boot_disk_kms_key = "projects/p/locations/us-west1/keyRings/r/cryptoKeys/nodes": customer-managed keys are not supported; remove it',
    }));
  });

  it('passes empty strings and null, in object and array block bodies', () => {
    expect(violations(noCmek, 'gke/no-cmek/null-and-empty.json')).toEqual([]);
  });
});
