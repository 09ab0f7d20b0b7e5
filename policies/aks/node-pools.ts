import { NodePoolSpec } from '../../lib/architecture/types';
import { vmSizeProblem, vmShape } from '../../lib/azure/vm-sizes';
import { Rule, Violation } from '../../lib/policy/model';
import { read } from '../../lib/policy/values';
import { formatReference, SETUP_DOCUMENT } from '../shared/document';
import { asNumber, cannotVerify, show } from '../shared/findings';
import { NODE_POOL_LABEL, NODE_POOL_LABEL_VALUES } from '../shared/node-pools';
import { AKS_NODE_POOL, AksPoolSite, aksPoolKind, aksPoolSites, buildsAksCluster } from '../shared/aks';
import { missingResourcePath, STACK_ADDRESS } from '../shared/stack';
import { catalogOf } from '../shared/catalog';
import { aksNotApplicable } from '../shared/applicability';

/** azurerm's VM size when a pool sets none does not exist: `vm_size` is required on every AKS pool. */
export const nodePools: Rule = {
  id: 'aks.node-pools',
  pack: 'aks',
  title: 'The documented node pools: kinds, Premium SSD sizes, memory per vCPU, managed OS disks, minimum size',
  severity: 'error',
  rationale: '003 "Deployment > Node pools" (platform-neutral, and "Premium SSD" is Azure\'s own disk tier): a general '
    + 'pool of general-purpose instances with Premium SSD at 4 GB memory per vCPU, a real-time pool of general-purpose '
    + 'nodes with Premium SSD, an optional third-party pool with directly attached NVMe and Premium SSD at 8 GB per '
    + 'vCPU (catalog node-pools.yaml). A pool\'s kind is its `genesys.com/node-pool` node label or, without it, a name '
    + 'containing general, realtime or third. Each recognised pool needs a VM size of the documented ratio that can use '
    + 'Premium Storage (lib/azure/vm-sizes.ts; a size missing from it cannot be verified), an NVMe size for the '
    + 'third-party pool, a managed OS disk (`os_disk_type = "Ephemeral"` puts the OS on the VM\'s local disk, not on '
    + 'Premium SSD; unset is Managed in azurerm), and a minimum of at least one node per zone (`min_count` or '
    + '`node_count`). The general and real-time pools must exist in a stack that builds an AKS cluster.',
  reference: { document: SETUP_DOCUMENT, section: 'Deployment > Node pools' },
  remediation: 'Label each pool `genesys.com/node-pool`, use e.g. Standard_D8s_v5 for general and real-time and '
    + 'Standard_L8s_v3 for third-party, leave `os_disk_type` unset or "Managed", and set `min_count` to at least the '
    + 'number of zones.',
  suppressible: true,
  notApplicable: aksNotApplicable,
  evaluate(stack, context) {
    const catalog = catalogOf(context);
    const violations: Violation[] = [];
    const pools = aksPoolSites(stack).map((site) => ({ site, kind: aksPoolKind(site) }));
    for (const { site, kind } of pools) {
      if (kind.kind === 'unknown') violations.push(cannotVerify(site.resource, kind.read, `which of the documented node pools ${site.description} is`));
      else if (kind.kind !== 'other') {
        const spec = catalog.nodePool(kind.kind);
        violations.push(...checkPool(site, spec).map((v) => ({ ...v, reference: formatReference(spec.reference) })));
      }
    }
    if (buildsAksCluster(stack)) {
      const undetermined = pools.some((p) => p.kind.kind === 'unknown');
      for (const spec of catalog.nodePools.filter((p) => p.required && !pools.some(({ kind }) => kind.kind === p.kind))) {
        violations.push({
          address: STACK_ADDRESS,
          path: missingResourcePath(stack, AKS_NODE_POOL),
          message: undetermined
            ? `cannot verify that the ${spec.title.toLowerCase()} exists: some pools' kinds cannot be read`
            : `the ${spec.title.toLowerCase()} is missing: add a pool labelled ${NODE_POOL_LABEL}=${NODE_POOL_LABEL_VALUES[spec.kind]}, which the documented deployment requires`,
          reference: formatReference(spec.reference),
          ...(undetermined ? { cannotVerify: true } : {}),
        });
      }
    }
    return violations;
  },
};

function checkPool(site: AksPoolSite, spec: NodePoolSpec): Violation[] {
  const { resource, at, description } = site;
  const violations: Violation[] = [];
  const size = read(resource, ...at, 'vm_size');
  if (size.kind === 'unknown') violations.push(cannotVerify(resource, size, `the VM size of ${description}`));
  else if (size.kind === 'absent') violations.push({ address: resource.address, path: size.path, message: `${description} sets no vm_size: give a size of the documented shape` });
  else {
    const problem = vmSizeProblem(spec, String(size.value));
    if (problem) violations.push({ address: resource.address, path: size.path, message: `${description}: ${problem}`, ...(vmShape(String(size.value)) ? {} : { cannotVerify: true }) });
  }
  const disk = read(resource, ...at, 'os_disk_type');
  if (disk.kind === 'unknown') violations.push(cannotVerify(resource, disk, `the OS disk type of ${description}`));
  else if (disk.kind === 'value' && String(disk.value).toLowerCase() === 'ephemeral') {
    violations.push({ address: resource.address, path: disk.path, message: `${description} sets os_disk_type = ${show(disk.value)}: the OS runs on the VM's local disk, not on Premium SSD; use "Managed"` });
  }
  const zones = read(resource, ...at, 'zones');
  const zoneCount = zones.kind === 'value' && Array.isArray(zones.value) ? new Set(zones.value.map(String)).size : 1;
  const autoscaling = read(resource, ...at, 'auto_scaling_enabled');
  const field = autoscaling.kind === 'value' && (autoscaling.value === true || autoscaling.value === 'true') ? 'min_count' : 'node_count';
  const minimum = read(resource, ...at, field);
  if (minimum.kind === 'unknown') violations.push(cannotVerify(resource, minimum, `the minimum size of ${description}`));
  else {
    const count = minimum.kind === 'value' ? asNumber(minimum.value) : undefined;
    // azurerm defaults node_count to 1 on the default pool and to 0 elsewhere.
    const effective = count ?? (minimum.kind === 'absent' && at.length > 0 && field === 'node_count' ? 1 : 0);
    if (effective < zoneCount) {
      violations.push({ address: resource.address, path: minimum.path, message: `${description} keeps ${field} = ${minimum.kind === 'value' ? show(minimum.value) : `${effective} (unset)`} across ${zoneCount} zone${zoneCount === 1 ? '' : 's'}: keep at least one node per zone (${field} >= ${zoneCount})` });
    }
  }
  return violations;
}
