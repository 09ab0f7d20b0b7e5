import { NodePoolSpec } from '../../lib/architecture/types';
import { Rule, Violation } from '../../lib/policy/model';
import { read } from '../../lib/policy/values';
import { formatReference, SETUP_DOCUMENT } from '../shared/document';
import { asNumber, cannotVerify, readBlock, show, UnknownRead } from '../shared/findings';
import { formatGbPerVcpu, GKE_DEFAULT_MACHINE_TYPE, machineShape } from '../../lib/gcp/machine-types';
import { GKE_DEFAULT_DISK_TYPE } from '../../lib/gcp/provider-defaults';
import { NODE_POOL_LABEL, NODE_POOL_LABEL_VALUES, NodePoolSite, nodePoolSites, poolKind } from '../shared/node-pools';
import { buildsGkeCluster, GKE_NODE_POOL, missingResourcePath, STACK_ADDRESS } from '../shared/stack';
import { describeZones, MINIMUM_ZONES, zonesOf } from '../shared/zones';
import { catalogOf } from '../shared/catalog';
import { gkeNotApplicable } from '../shared/applicability';

/** The GKE boot disk type of the catalog's disk kind: 003's "Premium SSD" is Persistent Disk SSD. */
const GKE_DISK_TYPE: Readonly<Record<NodePoolSpec['disk'], string>> = { 'premium-ssd': 'pd-ssd' };
/** GKE's boot disk type when a pool sets none. */
/** Memory ratios are compared with this tolerance (custom shapes give fractions such as 3.99). */
const RATIO_TOLERANCE = 0.01;

export const nodePools: Rule = {
  id: 'gke.node-pools',
  pack: 'gke',
  title: 'The documented node pools: kinds, Premium SSD, memory per vCPU, zones, minimum size',
  severity: 'error',
  rationale: '003 "Deployment > Node pools": a general pool (general-purpose instances with Premium SSD, 4 GB memory '
    + 'per vCPU), a real-time pool for the stateful voice services (general-purpose nodes with Premium SSD) and an '
    + 'optional third-party pool (directly attached NVMe and Premium SSD, 8 GB per vCPU); the figures are read from '
    + 'the catalog (node-pools.yaml). A pool\'s kind is its `genesys.com/node-pool` label (general, realtime, '
    + 'third-party) or, without the label, a name containing general, realtime or third; other pools are not '
    + 'checked. Every recognised pool must use `pd-ssd` boot disks (GKE\'s default is pd-balanced), a machine type '
    + 'with exactly the documented memory per vCPU (GKE\'s default e2-medium has 2; a type missing from '
    + 'lib/gcp/machine-types.ts cannot be verified), span at least three zones where it sets '
    + '`node_locations` (003 "High availability and disaster recovery": instances in different zones), and keep at '
    + 'least one node per zone (`autoscaling.min_node_count >= 1`; `total_min_node_count` does not guarantee a node '
    + 'in each zone). The general and real-time pools must exist in a stack that builds a GKE cluster.',
  reference: { document: SETUP_DOCUMENT, section: 'Deployment > Node pools' },
  remediation: 'Declare a google_container_node_pool per documented pool, labelled `genesys.com/node-pool`, with '
    + '`node_config.disk_type = "pd-ssd"`, a machine type of the documented ratio (e.g. n2-standard-8 for general and '
    + 'real-time, n2-highmem-8 with `local_nvme_ssd_block_config` for third-party), three `node_locations` and '
    + '`autoscaling.min_node_count >= 1`.',
  suppressible: true,
  notApplicable: gkeNotApplicable,
  evaluate(stack, context) {
    const catalog = catalogOf(context);
    const violations: Violation[] = [];
    const pools = nodePoolSites(stack).map((pool) => ({ pool, kind: poolKind(pool) }));

    for (const { pool, kind } of pools) {
      if (kind.kind === 'unknown') violations.push(cannotVerify(pool.resource, kind.read, `which of the documented node pools ${pool.description} is`));
      else if (kind.kind !== 'other') {
        const spec = catalog.nodePool(kind.kind);
        violations.push(...checkPool(pool, spec).map((violation) => ({ ...violation, reference: formatReference(spec.reference) })));
      }
    }

    if (buildsGkeCluster(stack)) {
      const undetermined = pools.filter((p) => p.kind.kind === 'unknown').length > 0;
      for (const spec of catalog.nodePools.filter((p) => p.required && !pools.some(({ kind }) => kind.kind === p.kind))) {
        const label = NODE_POOL_LABEL_VALUES[spec.kind];
        violations.push({
          address: STACK_ADDRESS,
          path: missingResourcePath(stack, GKE_NODE_POOL),
          message: undetermined
            ? `cannot verify that the stack has a ${spec.title.toLowerCase()}: the kind of some node pools cannot be read`
            : `the stack has no ${spec.title.toLowerCase()}, which the documented deployment requires: add a ${GKE_NODE_POOL} labelled ${NODE_POOL_LABEL} = "${label}"`,
          reference: formatReference(spec.reference),
          ...(undetermined ? { cannotVerify: true } : {}),
        });
      }
    }
    return violations;
  },
};

function checkPool(pool: NodePoolSite, spec: NodePoolSpec): Violation[] {
  const violations: Violation[] = [];
  const { resource, at, description } = pool;
  const address = resource.address;
  const needs = `the ${spec.title.replace(/ \(optional\)$/, '').toLowerCase()}`;
  const unreadable = (result: UnknownRead, what: string) => violations.push(cannotVerify(resource, result, `${what} of ${description}`));

  // Disk: `node_config.boot_disk.disk_type` (provider 6.x) wins over `node_config.disk_type`.
  const bootDiskType = read(resource, ...at, 'node_config', 'boot_disk', 'disk_type');
  const diskType = bootDiskType.kind === 'absent' ? read(resource, ...at, 'node_config', 'disk_type') : bootDiskType;
  const wantedDisk = GKE_DISK_TYPE[spec.disk];
  if (diskType.kind === 'unknown') unreadable(diskType, 'the boot disk type');
  else if (diskType.kind === 'absent') {
    violations.push({ address, path: diskType.path, message: `${description} sets no node_config.disk_type, so GKE uses "${GKE_DEFAULT_DISK_TYPE}": ${needs} needs Premium SSD; set disk_type = "${wantedDisk}"` });
  } else if (String(diskType.value).toLowerCase() !== wantedDisk) {
    const field = bootDiskType.kind === 'absent' ? 'node_config.disk_type' : 'node_config.boot_disk.disk_type';
    violations.push({ address, path: diskType.path, message: `${description} sets ${field} = ${show(diskType.value)}: ${needs} needs Premium SSD; set "${wantedDisk}"` });
  }

  // Machine type: memory per vCPU, Premium SSD support, local NVMe.
  const machineType = read(resource, ...at, 'node_config', 'machine_type');
  let shape: ReturnType<typeof machineShape>;
  if (machineType.kind === 'unknown') unreadable(machineType, 'the machine type');
  else {
    const typeName = machineType.kind === 'value' ? String(machineType.value) : GKE_DEFAULT_MACHINE_TYPE;
    const uses = machineType.kind === 'value' ? `uses machine type "${typeName}"` : `sets no node_config.machine_type, so GKE uses "${typeName}"`;
    shape = machineShape(typeName);
    if (!shape) {
      violations.push({ address, path: machineType.path, message: `cannot verify the memory per vCPU of ${description}: machine type "${typeName}" is not in lib/gcp/machine-types.ts`, cannotVerify: true });
    } else if (Math.abs(shape.gbPerVcpu - spec.memoryGbPerVcpu) > RATIO_TOLERANCE) {
      violations.push({ address, path: machineType.path, message: `${description} ${uses} (${formatGbPerVcpu(shape.gbPerVcpu)} GB memory per vCPU): ${needs} needs ${formatGbPerVcpu(spec.memoryGbPerVcpu)} GB per vCPU` });
    } else if (!shape.pdSsd) {
      violations.push({ address, path: machineType.path, message: `${description} ${uses}, whose series boots from Hyperdisk only: ${needs} needs Premium SSD (pd-ssd)` });
    }
  }
  if (spec.localNvme) checkLocalNvme(pool, needs, shape, violations);

  // Zones, where the pool chooses them (otherwise it follows the cluster's, checked by gke.regional).
  const locations = read(resource, ...at, 'node_locations');
  if (locations.kind === 'unknown') unreadable(locations, 'the zones');
  else if (locations.kind === 'value' && Array.isArray(locations.value)) {
    const { zones, unresolved } = zonesOf(locations.value);
    if (zones.length < MINIMUM_ZONES && unresolved) {
      violations.push({ address, path: locations.path, message: `cannot verify the zones of ${description}: node_locations holds unresolved references or values unknown until apply`, cannotVerify: true });
    } else if (zones.length < MINIMUM_ZONES) {
      violations.push({ address, path: locations.path, message: `${description} runs in ${describeZones(zones)}: spread it over at least ${MINIMUM_ZONES} zones` });
    }
  }

  // Size: at least one node in each zone.
  const autoscaling = readBlock(resource, ...at, 'autoscaling');
  if (autoscaling.kind === 'unknown') unreadable(autoscaling, 'the autoscaling limits');
  else if (autoscaling.kind === 'value') {
    const min = read(resource, ...at, 'autoscaling', 'min_node_count');
    const totalMin = read(resource, ...at, 'autoscaling', 'total_min_node_count');
    const minNodes = min.kind === 'value' ? asNumber(min.value) ?? 0 : undefined;
    if (min.kind === 'unknown') unreadable(min, 'the minimum size');
    else if (minNodes !== undefined && minNodes < 1) {
      violations.push({ address, path: min.path, message: `${description} sets autoscaling.min_node_count = ${show(min.kind === 'value' ? min.value : undefined)}: keep at least 1 node per zone` });
    } else if (minNodes === undefined && totalMin.kind !== 'absent') {
      violations.push({ address, path: totalMin.path, message: `${description} limits autoscaling by total_min_node_count, which does not keep a node in every zone: set min_node_count >= 1` });
    } else if (minNodes === undefined) {
      violations.push({ address, path: min.path, message: `${description} sets no autoscaling.min_node_count (default 0): set min_node_count >= 1 so every zone keeps a node` });
    }
  } else {
    const count = [read(resource, ...at, 'node_count'), read(resource, ...at, 'initial_node_count')].find((r) => r.kind !== 'absent');
    if (count?.kind === 'unknown') unreadable(count, 'the size');
    else if (count?.kind === 'value' && (asNumber(count.value) ?? 0) < 1) {
      const field = count.path.endsWith('initial_node_count') ? 'initial_node_count' : 'node_count';
      violations.push({ address, path: count.path, message: `${description} sets ${field} = ${show(count.value)}: keep at least 1 node per zone` });
    }
  }
  return violations;
}

/** 003: the third-party pool uses "storage-optimized nodes with directly attached NVMe". */
function checkLocalNvme(pool: NodePoolSite, needs: string, shape: ReturnType<typeof machineShape>, violations: Violation[]): void {
  const { resource, at, description } = pool;
  const blocks = ['local_nvme_ssd_block_config', 'ephemeral_storage_local_ssd_config'].map((block) => readBlock(resource, ...at, 'node_config', block));
  const counts = [
    read(resource, ...at, 'node_config', 'local_nvme_ssd_block_config', 'local_ssd_count'),
    read(resource, ...at, 'node_config', 'ephemeral_storage_local_ssd_config', 'local_ssd_count'),
    read(resource, ...at, 'node_config', 'local_ssd_count'),
  ];
  if (counts.some((c) => c.kind === 'value' && (asNumber(c.value) ?? 0) >= 1)) return;
  // Bundled local SSD (`-lssd` shapes, Z3) is exposed by either block with local_ssd_count 0 ("all").
  if (shape?.localSsd === 'bundled' && blocks.some((b) => b.kind === 'value')) return;
  if (shape?.localSsd === 'none') {
    const machineType = read(resource, ...at, 'node_config', 'machine_type');
    violations.push({ address: resource.address, path: machineType.path, message: `${description} uses machine type "${shape.machineType}", which cannot attach local NVMe SSD: ${needs} needs directly attached NVMe` });
    return;
  }
  const unknown = [...blocks, ...counts].find((r): r is UnknownRead => r.kind === 'unknown');
  if (unknown) {
    violations.push(cannotVerify(resource, unknown, `the local NVMe SSD of ${description}`));
    return;
  }
  violations.push({
    address: resource.address,
    path: blocks[0].path,
    message: `${description} attaches no local NVMe SSD: ${needs} needs directly attached NVMe; set node_config.local_nvme_ssd_block_config.local_ssd_count >= 1`,
  });
}
