import { Rule, TerraformResource, Violation } from '../../lib/policy/model';
import { PathStep, read } from '../../lib/policy/values';
import { formatReference, SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, describeSteps, show } from '../shared/findings';
import { aksClusters, aksPoolSites, isComputedDefault } from '../shared/aks';
import { catalogOf } from '../shared/catalog';
import { aksNotApplicable } from '../shared/applicability';

/** A pool version that follows the cluster's (`${azurerm_kubernetes_cluster.x.kubernetes_version}`) is checked on the cluster. */
const FOLLOWS_CONTROL_PLANE = /^unresolved reference \$\{azurerm_kubernetes_cluster\.[^.}]+\.(?:kubernetes_version|current_kubernetes_version)\}$/;

export const kubernetesVersion: Rule = {
  id: 'aks.kubernetes-version',
  pack: 'aks',
  title: 'Kubernetes is at least the documented version',
  severity: 'error',
  rationale: '003 "Software requirements > Private edition general prerequisites" lists "Kubernetes 1.25" (catalog '
    + 'version(\'kubernetes\')). Checked where the configuration pins a version: the cluster\'s `kubernetes_version`, '
    + 'the default pool\'s and each pool\'s `orchestrator_version` (major.minor compared). Unpinned passes: AKS then '
    + 'creates the cluster on its default version, and every version AKS offers is above 1.25. A pool version that '
    + 'references the cluster\'s version follows the control plane. In a plan, a version the configuration leaves unset '
    + 'shows as unknown until apply; it is AKS\'s default and passes.',
  reference: { document: SETUP_DOCUMENT, section: 'Software requirements' },
  remediation: 'Set `kubernetes_version` (and pool `orchestrator_version`s) to 1.25 or later, or leave them unset.',
  suppressible: true,
  notApplicable: aksNotApplicable,
  evaluate(stack, context) {
    const requirement = catalogOf(context).version('kubernetes');
    const [minMajor, minMinor] = requirement.minimum.split('.').map(Number);
    const violations: Violation[] = [];
    const check = (resource: TerraformResource, steps: PathStep[], subject: string, attribute: PathStep[]) => {
      const version = read(resource, ...steps);
      if (version.kind === 'unknown') {
        const computed = isComputedDefault(stack, resource, version, String(steps[0]));
        if (!computed && !FOLLOWS_CONTROL_PLANE.test(version.reason)) violations.push(cannotVerify(resource, version, `the Kubernetes version of ${subject}`));
        return;
      }
      if (version.kind !== 'value') return;
      const match = /^v?(\d+)\.(\d+)(?:$|[.-])/.exec(String(version.value).trim());
      if (!match) violations.push({ address: resource.address, path: version.path, message: `cannot verify the Kubernetes version of ${subject}: ${describeSteps(attribute)} = ${show(version.value)} is not a version such as "1.32"`, cannotVerify: true });
      else if (Number(match[1]) < minMajor || (Number(match[1]) === minMajor && Number(match[2]) < minMinor)) {
        violations.push({ address: resource.address, path: version.path, message: `${subject} sets ${describeSteps(attribute)} = ${show(version.value)}: private edition needs Kubernetes ${requirement.minimum} or later` });
      }
    };
    for (const cluster of aksClusters(stack)) check(cluster, ['kubernetes_version'], 'the cluster', ['kubernetes_version']);
    for (const site of aksPoolSites(stack)) check(site.resource, [...site.at, 'orchestrator_version'], site.description, ['orchestrator_version']);
    return violations.map((v) => ({ ...v, reference: formatReference(requirement.reference) }));
  },
};
