import { Rule, Violation } from '../../lib/policy/model';
import { read } from '../../lib/policy/values';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, show } from '../shared/findings';
import { aksClusters, isComputedDefault } from '../shared/aks';
import { aksNotApplicable } from '../shared/applicability';

export const podNetworking: Rule = {
  id: 'aks.pod-networking',
  pack: 'aks',
  title: 'Pods have virtual-network addresses the SBC reaches directly (Azure CNI, no overlay)',
  severity: 'error',
  rationale: '003 "Networking overview > Voice" (Ingress, firewall for non-HTTP traffic): "Requires VPC or '
    + 'virtual-network native addressing with direct access to the pods IP from SBC"; "virtual-network" is Azure\'s '
    + 'word, so the requirement names AKS directly. Only Azure CNI without overlay gives pods VNet addresses that '
    + 'peered and connected networks reach: `network_plugin = "azure"` with no `network_plugin_mode`. Azure CNI '
    + 'Overlay and kubenet hide pods behind the node address (Microsoft: "Endpoints outside the cluster can\'t connect '
    + 'to a pod directly"), and a cluster without `network_profile` gets kubenet from azurerm. `network_mode = '
    + '"bridge"` is legacy and refused for new clusters. `network_plugin = "none"` (bring your own CNI) cannot be '
    + 'verified from the Terraform. A Cilium data plane keeps direct addressing but always enforces network policy: '
    + 'aks.no-network-policy reports it. Not suppressible: it is a documented requirement, like gke.vpc-native.',
  reference: { document: SETUP_DOCUMENT, section: 'Networking overview > Voice' },
  remediation: 'Set `network_profile { network_plugin = "azure" }` without `network_plugin_mode` (give pools a '
    + '`pod_subnet_id` for Azure CNI with pod subnets). The network profile of an existing cluster cannot change: the '
    + 'cluster is replaced.',
  suppressible: false,
  notApplicable: aksNotApplicable,
  evaluate(stack) {
    const violations: Violation[] = [];
    for (const cluster of aksClusters(stack)) {
      const fail = (path: string, why: string) => violations.push({ address: cluster.address, path, message: `${why}: the SBC must reach pod IPs directly; use network_plugin "azure" without overlay` });
      const plugin = read(cluster, 'network_profile', 'network_plugin');
      if (plugin.kind === 'unknown') {
        violations.push(cannotVerify(cluster, plugin, 'that pods get virtual-network addresses'));
        continue;
      }
      if (plugin.kind === 'absent') {
        fail(plugin.path, 'the cluster sets no network_profile.network_plugin, so azurerm creates it with kubenet, whose pod addresses are not reachable from outside the node');
        continue;
      }
      const value = String(plugin.value).toLowerCase();
      if (value === 'none') {
        violations.push({ address: cluster.address, path: plugin.path, message: 'cannot verify that pods get virtual-network addresses: network_plugin is "none" (bring your own CNI), which the Terraform does not describe', cannotVerify: true });
        continue;
      }
      if (value !== 'azure') {
        fail(plugin.path, `network_profile.network_plugin is ${show(plugin.value)}, whose pods sit behind the node address`);
        continue;
      }
      const mode = read(cluster, 'network_profile', 'network_plugin_mode');
      if (mode.kind === 'unknown') {
        if (!isComputedDefault(stack, cluster, mode, 'network_profile')) violations.push(cannotVerify(cluster, mode, 'that the cluster does not use Azure CNI Overlay'));
      }
      else if (mode.kind === 'value' && String(mode.value).toLowerCase() === 'overlay') {
        fail(mode.path, 'network_profile.network_plugin_mode is "overlay": Azure CNI Overlay gives pods private addresses that endpoints outside the cluster cannot reach');
      }
      const bridge = read(cluster, 'network_profile', 'network_mode');
      if (bridge.kind === 'value' && String(bridge.value).toLowerCase() === 'bridge') {
        fail(bridge.path, 'network_profile.network_mode is "bridge", a legacy mode AKS refuses for new clusters');
      }
    }
    return violations;
  },
};
