import { Catalog } from '../../../lib/architecture/catalog';
import { nodePools } from '../../../policies/gke/node-pools';
import { formatReference } from '../../../policies/shared/document';
import { expected, violations } from './stack-fixtures';

const catalog = Catalog.default();
const general = catalog.nodePool('general');
const realtime = catalog.nodePool('realtime');
const thirdParty = catalog.nodePool('thirdParty');
const GENERAL_REF = formatReference(general.reference);
const REALTIME_REF = formatReference(realtime.reference);
const THIRD_PARTY_REF = formatReference(thirdParty.reference);
const GENERAL_AT = 'resource.google_container_node_pool.general';

describe('gke.node-pools', () => {
  it('passes labelled general, real-time and third-party pools (and ignores a pool of another kind)', () => {
    expect(violations(nodePools, 'gke/node-pools/compliant.json')).toEqual([]);
  });

  it('passes pools recognised by name: a custom shape, boot_disk.disk_type, and bundled local SSD exposed with count 0', () => {
    expect(violations(nodePools, 'gke/node-pools/compliant-by-name.json')).toEqual([]);
  });

  it('passes the plan shape (nested blocks as one-element lists, unknown values the rule does not need)', () => {
    expect(violations(nodePools, 'gke/node-pools/compliant.plan.json')).toEqual([]);
  });

  it('fails when a required pool is missing from a stack with a cluster', () => {
    expect(violations(nodePools, 'gke/node-pools/missing-realtime.json')).toEqual(expected({
      address: 'stack',
      path: 'resource.google_container_node_pool',
      message: 'the stack has no real-time node pool, which the documented deployment requires: add a google_container_node_pool labelled genesys.com/node-pool = "realtime"',
      reference: REALTIME_REF,
    }));
  });

  it('fails when disk_type is unset (GKE\'s default is pd-balanced)', () => {
    expect(violations(nodePools, 'gke/node-pools/disk-type-unset.json')).toEqual(expected({
      address: 'google_container_node_pool.general',
      path: `${GENERAL_AT}.node_config.disk_type`,
      message: 'node pool "general" sets no node_config.disk_type, so GKE uses "pd-balanced": the general node pool needs Premium SSD; set disk_type = "pd-ssd"',
      reference: GENERAL_REF,
    }));
  });

  it('fails when disk_type is not pd-ssd', () => {
    expect(violations(nodePools, 'gke/node-pools/disk-type-standard.json')).toEqual(expected({
      address: 'google_container_node_pool.general',
      path: `${GENERAL_AT}.node_config.disk_type`,
      message: 'node pool "general" sets node_config.disk_type = "pd-standard": the general node pool needs Premium SSD; set "pd-ssd"',
      reference: GENERAL_REF,
    }));
  });

  it('fails when boot_disk.disk_type is not pd-ssd', () => {
    expect(violations(nodePools, 'gke/node-pools/boot-disk-type.json')).toEqual(expected({
      address: 'google_container_node_pool.realtime',
      path: 'resource.google_container_node_pool.realtime.node_config.boot_disk.disk_type',
      message: 'node pool "realtime" sets node_config.boot_disk.disk_type = "pd-balanced": the real-time node pool needs Premium SSD; set "pd-ssd"',
      reference: REALTIME_REF,
    }));
  });

  it('fails when the machine type has another memory ratio than the pool\'s kind', () => {
    expect(violations(nodePools, 'gke/node-pools/ratio.json')).toEqual(expected(
      {
        address: 'google_container_node_pool.general',
        path: `${GENERAL_AT}.node_config.machine_type`,
        message: `node pool "general" uses machine type "n2-highcpu-8" (1 GB memory per vCPU): the general node pool needs ${general.memoryGbPerVcpu} GB per vCPU`,
        reference: GENERAL_REF,
      },
      {
        address: 'google_container_node_pool.realtime',
        path: 'resource.google_container_node_pool.realtime.node_config.machine_type',
        message: `node pool "realtime" uses machine type "n1-standard-8" (3.75 GB memory per vCPU): the real-time node pool needs ${realtime.memoryGbPerVcpu} GB per vCPU`,
        reference: REALTIME_REF,
      },
      {
        address: 'google_container_node_pool.third_party',
        path: 'resource.google_container_node_pool.third_party.node_config.machine_type',
        message: `node pool "third-party" uses machine type "n2-standard-8" (4 GB memory per vCPU): the third-party service node pool needs ${thirdParty.memoryGbPerVcpu} GB per vCPU`,
        reference: THIRD_PARTY_REF,
      },
    ));
  });

  it('fails when machine_type is unset (GKE\'s default e2-medium)', () => {
    expect(violations(nodePools, 'gke/node-pools/machine-type-unset.json')).toEqual(expected({
      address: 'google_container_node_pool.general',
      path: `${GENERAL_AT}.node_config.machine_type`,
      message: 'node pool "general" sets no node_config.machine_type, so GKE uses "e2-medium" (2 GB memory per vCPU): the general node pool needs 4 GB per vCPU',
      reference: GENERAL_REF,
    }));
  });

  it('fails when the series cannot boot from pd-ssd', () => {
    expect(violations(nodePools, 'gke/node-pools/hyperdisk-only.json')).toEqual(expected({
      address: 'google_container_node_pool.general',
      path: `${GENERAL_AT}.node_config.machine_type`,
      message: 'node pool "general" uses machine type "n4-standard-8", whose series boots from Hyperdisk only: the general node pool needs Premium SSD (pd-ssd)',
      reference: GENERAL_REF,
    }));
  });

  it('cannot verify a machine type missing from the table', () => {
    expect(violations(nodePools, 'gke/node-pools/machine-type-not-in-table.json')).toEqual(expected({
      address: 'google_container_node_pool.general',
      path: `${GENERAL_AT}.node_config.machine_type`,
      message: 'cannot verify the memory per vCPU of node pool "general": machine type "a2-highgpu-1g" is not in lib/gcp/machine-types.ts',
      cannotVerify: true,
      reference: GENERAL_REF,
    }));
  });

  it('cannot verify an unresolved machine type', () => {
    expect(violations(nodePools, 'gke/node-pools/machine-type-unresolved.json')).toEqual(expected({
      address: 'google_container_node_pool.general',
      path: `${GENERAL_AT}.node_config.machine_type`,
      message: 'cannot verify the machine type of node pool "general": node_config.machine_type is an unresolved reference (${var.machine_type})',
      cannotVerify: true,
      reference: GENERAL_REF,
    }));
  });

  it('fails when the third-party pool attaches no local NVMe SSD', () => {
    expect(violations(nodePools, 'gke/node-pools/third-party-no-nvme.json')).toEqual(expected({
      address: 'google_container_node_pool.third-party',
      path: 'resource.google_container_node_pool.third-party.node_config.local_nvme_ssd_block_config',
      message: 'node pool "third-party" attaches no local NVMe SSD: the third-party service node pool needs directly attached NVMe; set node_config.local_nvme_ssd_block_config.local_ssd_count >= 1',
      reference: THIRD_PARTY_REF,
    }));
  });

  it('fails when the third-party pool\'s machine type cannot attach local SSD', () => {
    expect(violations(nodePools, 'gke/node-pools/third-party-cannot-attach.json')).toEqual(expected({
      address: 'google_container_node_pool.third-party',
      path: 'resource.google_container_node_pool.third-party.node_config.machine_type',
      message: 'node pool "third-party" uses machine type "e2-highmem-8", which cannot attach local NVMe SSD: the third-party service node pool needs directly attached NVMe',
      reference: THIRD_PARTY_REF,
    }));
  });

  it('fails when bundled local SSD is not exposed by either local SSD block', () => {
    expect(violations(nodePools, 'gke/node-pools/third-party-bundled-not-exposed.json')).toEqual(expected({
      address: 'google_container_node_pool.third-party',
      path: 'resource.google_container_node_pool.third-party.node_config.local_nvme_ssd_block_config',
      message: 'node pool "third-party" attaches no local NVMe SSD: the third-party service node pool needs directly attached NVMe; set node_config.local_nvme_ssd_block_config.local_ssd_count >= 1',
      reference: THIRD_PARTY_REF,
    }));
  });

  it('fails when a pool names fewer than three distinct zones', () => {
    expect(violations(nodePools, 'gke/node-pools/two-zones.json')).toEqual(expected({
      address: 'google_container_node_pool.general',
      path: `${GENERAL_AT}.node_locations`,
      message: 'node pool "general" runs in 2 zones (us-west1-a, us-west1-b): spread it over at least 3 zones',
      reference: GENERAL_REF,
    }));
  });

  it('cannot verify zones when node_locations holds an unresolved reference', () => {
    expect(violations(nodePools, 'gke/node-pools/zones-unresolved.json')).toEqual(expected({
      address: 'google_container_node_pool.general',
      path: `${GENERAL_AT}.node_locations`,
      message: 'cannot verify the zones of node pool "general": node_locations holds unresolved references or values unknown until apply',
      cannotVerify: true,
      reference: GENERAL_REF,
    }));
  });

  it('fails when autoscaling may shrink a zone to zero nodes', () => {
    expect(violations(nodePools, 'gke/node-pools/autoscaling-min-zero.json')).toEqual(expected({
      address: 'google_container_node_pool.general',
      path: `${GENERAL_AT}.autoscaling.min_node_count`,
      message: 'node pool "general" sets autoscaling.min_node_count = 0: keep at least 1 node per zone',
      reference: GENERAL_REF,
    }));
  });

  it('fails when autoscaling is limited by total_min_node_count only', () => {
    expect(violations(nodePools, 'gke/node-pools/autoscaling-total-min.json')).toEqual(expected({
      address: 'google_container_node_pool.general',
      path: `${GENERAL_AT}.autoscaling.total_min_node_count`,
      message: 'node pool "general" limits autoscaling by total_min_node_count, which does not keep a node in every zone: set min_node_count >= 1',
      reference: GENERAL_REF,
    }));
  });

  it('fails when autoscaling sets no minimum', () => {
    expect(violations(nodePools, 'gke/node-pools/autoscaling-no-min.json')).toEqual(expected({
      address: 'google_container_node_pool.general',
      path: `${GENERAL_AT}.autoscaling.min_node_count`,
      message: 'node pool "general" sets no autoscaling.min_node_count (default 0): set min_node_count >= 1 so every zone keeps a node',
      reference: GENERAL_REF,
    }));
  });

  it('fails when a fixed-size pool has no nodes', () => {
    expect(violations(nodePools, 'gke/node-pools/node-count-zero.json')).toEqual(expected({
      address: 'google_container_node_pool.general',
      path: `${GENERAL_AT}.node_count`,
      message: 'node pool "general" sets node_count = 0: keep at least 1 node per zone',
      reference: GENERAL_REF,
    }));
  });

  it('checks a cluster\'s inline node pools', () => {
    expect(violations(nodePools, 'gke/node-pools/inline-pools.json')).toEqual(expected({
      address: 'google_container_cluster.unit_cluster',
      path: 'resource.google_container_cluster.unit_cluster.node_pool[0].node_config.disk_type',
      message: 'node pool "general" (node_pool[0] of google_container_cluster.unit_cluster) sets node_config.disk_type = "pd-standard": the general node pool needs Premium SSD; set "pd-ssd"',
      reference: GENERAL_REF,
    }));
  });

  it('cannot verify a pool whose label is unknown and whose name names no kind, nor the required pools', () => {
    expect(violations(nodePools, 'gke/node-pools/kind-unknown.plan.json')).toEqual(expected(
      {
        address: 'google_container_node_pool.pool_a',
        path: 'planned_values.root_module.resources[1].values.node_config[0].labels',
        message: 'cannot verify which of the documented node pools node pool "pool-a" is: node_config[0].labels is unknown until apply',
        cannotVerify: true,
      },
      {
        address: 'stack',
        path: 'planned_values.root_module.resources',
        message: 'cannot verify that the stack has a general node pool: the kind of some node pools cannot be read',
        cannotVerify: true,
        reference: GENERAL_REF,
      },
      {
        address: 'stack',
        path: 'planned_values.root_module.resources',
        message: 'cannot verify that the stack has a real-time node pool: the kind of some node pools cannot be read',
        cannotVerify: true,
        reference: REALTIME_REF,
      },
    ));
  });
});
