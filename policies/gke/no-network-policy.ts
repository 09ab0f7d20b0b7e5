import { Rule, Violation } from '../../lib/policy/model';
import { PathStep, read } from '../../lib/policy/values';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, describeSteps, show } from '../shared/findings';
import { gkeClusters } from '../shared/stack';
import { gkeNotApplicable } from '../shared/applicability';

/** Cluster settings that turn on network policy enforcement, with the value that does and why it matters. */
const ENFORCEMENT: readonly { readonly steps: PathStep[]; readonly enforces: (value: unknown) => boolean; readonly why: string }[] = [
  { steps: ['network_policy', 'enabled'], enforces: (v) => v === true || v === 'true', why: 'enables network policy enforcement (Calico)' },
  { steps: ['addons_config', 'network_policy_config', 'disabled'], enforces: (v) => v === false || v === 'false', why: 'enables the network policy add-on' },
  { steps: ['datapath_provider'], enforces: (v) => String(v).toUpperCase() === 'ADVANCED_DATAPATH', why: 'selects GKE Dataplane V2, which always enforces network policy' },
  { steps: ['enable_cilium_clusterwide_network_policy'], enforces: (v) => v === true || v === 'true', why: 'enables Cilium cluster-wide network policies' },
  { steps: ['enable_fqdn_network_policy'], enforces: (v) => v === true || v === 'true', why: 'enables FQDN network policies' },
];

export const noNetworkPolicy: Rule = {
  id: 'gke.no-network-policy',
  pack: 'gke',
  title: 'No network policy enforcement on the cluster',
  severity: 'error',
  rationale: '003 "GKE > Not supported": "Network policies are not provided or supported and all ingress and egress '
    + 'pod traffic must be allowed between all namespaces." The rule rejects every cluster setting that enforces '
    + 'network policy: `network_policy.enabled`, the `network_policy_config` add-on, Dataplane V2 '
    + '(`datapath_provider = "ADVANCED_DATAPATH"`, which always enforces it) and the Cilium cluster-wide and FQDN '
    + 'policy features. NetworkPolicy objects themselves are kubernetes.no-network-policies.',
  reference: { document: SETUP_DOCUMENT, section: 'GKE > Not supported' },
  remediation: 'Remove `network_policy` (or set `enabled = false`), set `addons_config.network_policy_config.disabled = '
    + 'true` or leave it out, and set `datapath_provider = "LEGACY_DATAPATH"` (the dataplane of an existing cluster '
    + 'cannot change: the cluster is replaced).',
  suppressible: false,
  notApplicable: gkeNotApplicable,
  evaluate(stack) {
    const violations: Violation[] = [];
    for (const cluster of gkeClusters(stack)) {
      for (const { steps, enforces, why } of ENFORCEMENT) {
        const setting = read(cluster, ...steps);
        if (setting.kind === 'unknown') violations.push(cannotVerify(cluster, setting, 'that network policy is not enforced'));
        else if (setting.kind === 'value' && enforces(setting.value)) {
          violations.push({ address: cluster.address, path: setting.path, message: `${describeSteps(steps)} is ${show(setting.value)}, which ${why}: network policies are not supported; all pod traffic between namespaces must be allowed` });
        }
      }
    }
    return violations;
  },
};
