import { Rule, Violation } from '../../lib/policy/model';
import { PathStep, read } from '../../lib/policy/values';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, describeSteps, isTrue, show } from '../shared/findings';
import { aksClusters, isComputedDefault } from '../shared/aks';
import { aksNotApplicable } from '../shared/applicability';

const ENFORCEMENT: readonly { readonly steps: PathStep[]; readonly enforces: (value: unknown) => boolean; readonly why: string }[] = [
  { steps: ['network_profile', 'network_policy'], enforces: (v) => ['azure', 'calico', 'cilium'].includes(String(v).toLowerCase()), why: 'installs a network policy engine' },
  { steps: ['network_profile', 'network_data_plane'], enforces: (v) => String(v).toLowerCase() === 'cilium', why: 'selects the Cilium data plane, which always enforces network policy' },
  { steps: ['network_profile', 'advanced_networking', 'security_enabled'], enforces: isTrue, why: 'enables Cilium FQDN and layer-7 network policies' },
];

export const noNetworkPolicy: Rule = {
  id: 'aks.no-network-policy',
  pack: 'aks',
  title: 'No network policy engine on the cluster',
  severity: 'warning',
  rationale: 'The only network-policy text of 003 that reaches AKS is platform-neutral: "Network settings > Network '
    + 'Policy": "Genesys does not supply or enforce any network policy. You can create your own network policy for '
    + 'services that require a network policy and configure them in the Helm v3 charts." It allows customers\' own '
    + 'policies, so this is a warning, not the unsuppressible error of gke.no-network-policy: the stricter sentence '
    + '("Network policies are not provided or supported and all ingress and egress pod traffic must be allowed between '
    + 'all namespaces") sits in "GKE > Not supported" and applies to AKS only by analogy (see '
    + 'docs/document-disagreements.md). The warning stands because an engine (`network_policy` azure, calico or '
    + 'cilium; the Cilium data plane; Cilium\'s advanced security) makes every NetworkPolicy a chart or operator ships '
    + 'take effect and can cut the inter-namespace traffic the services rely on; without an engine such objects are inert. '
    + 'In a plan, `network_policy` left unset shows as unknown until apply (azurerm computes it): no engine, a pass.',
  reference: { document: SETUP_DOCUMENT, section: 'Network settings > Network Policy' },
  remediation: 'Leave `network_profile.network_policy` unset, keep `network_data_plane = "azure"` and '
    + '`advanced_networking.security_enabled` off; or suppress with the reason and the policies you maintain.',
  suppressible: true,
  notApplicable: aksNotApplicable,
  evaluate(stack) {
    const violations: Violation[] = [];
    for (const cluster of aksClusters(stack)) {
      for (const { steps, enforces, why } of ENFORCEMENT) {
        const setting = read(cluster, ...steps);
        if (setting.kind === 'unknown') {
          if (!isComputedDefault(stack, cluster, setting, String(steps[0]))) violations.push(cannotVerify(cluster, setting, 'that no network policy engine runs'));
        }
        else if (setting.kind === 'value' && enforces(setting.value)) {
          violations.push({ address: cluster.address, path: setting.path, message: `${describeSteps(steps)} is ${show(setting.value)}, which ${why}: Genesys does not supply or enforce network policies, and an engine enforces every NetworkPolicy that charts or operators ship` });
        }
      }
    }
    return violations;
  },
};
