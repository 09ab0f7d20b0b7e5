import { Rule, TerraformResource, Violation } from '../../lib/policy/model';
import { PathStep, read } from '../../lib/policy/values';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, describeSteps, isFalse, isTrue } from '../shared/findings';
import { nodePoolSites } from '../shared/node-pools';
import { gkeClusters } from '../shared/stack';
import { gkeNotApplicable } from '../shared/applicability';

export const publicCluster: Rule = {
  id: 'gke.public-cluster',
  pack: 'gke',
  title: 'GKE clusters are public (public control plane and node IPs)',
  severity: 'error',
  rationale: '003 "GKE > Notes on what is supported": "Private edition has only been tested on public GKE clusters '
    + '(public IP addresses for the control plane, worker nodes, and public load balancers)". Private nodes or a '
    + 'private control-plane endpoint make an untested configuration. Suppressible: an organisation may accept running '
    + 'an untested configuration, with a recorded reason.',
  reference: { document: SETUP_DOCUMENT, section: 'GKE > Notes on what is supported' },
  remediation: 'Remove `private_cluster_config` (or set `enable_private_nodes` and `enable_private_endpoint` to false), '
    + 'do not set `network_config.enable_private_nodes` on node pools, and keep the control plane\'s public IP endpoint '
    + 'enabled; restrict access with master authorized networks and firewall rules instead.',
  suppressible: true,
  notApplicable: gkeNotApplicable,
  evaluate(stack) {
    const violations: Violation[] = [];
    const privateFlag = (resource: TerraformResource, steps: readonly PathStep[], what: string) => {
      const flag = read(resource, ...steps);
      if (flag.kind === 'unknown') violations.push(cannotVerify(resource, flag, 'that the cluster is public'));
      else if (flag.kind === 'value' && isTrue(flag.value)) {
        violations.push({ address: resource.address, path: flag.path, message: `${describeSteps(steps)} is true: ${what}; only public clusters are tested` });
      }
    };
    for (const cluster of gkeClusters(stack)) {
      privateFlag(cluster, ['private_cluster_config', 'enable_private_nodes'], 'the nodes have no public IP addresses');
      privateFlag(cluster, ['private_cluster_config', 'enable_private_endpoint'], 'the control plane has no public endpoint');
      const ipEndpoints = read(cluster, 'control_plane_endpoints_config', 'ip_endpoints_config', 'enabled');
      if (ipEndpoints.kind === 'unknown') violations.push(cannotVerify(cluster, ipEndpoints, 'that the cluster is public'));
      else if (ipEndpoints.kind === 'value' && isFalse(ipEndpoints.value)) {
        violations.push({ address: cluster.address, path: ipEndpoints.path, message: 'control_plane_endpoints_config.ip_endpoints_config.enabled is false: the control plane has no IP endpoint (DNS only); only public clusters are tested' });
      }
    }
    for (const pool of nodePoolSites(stack)) {
      privateFlag(pool.resource, [...pool.at, 'network_config', 'enable_private_nodes'], `${pool.description} has no public IP addresses`);
    }
    return violations;
  },
};
