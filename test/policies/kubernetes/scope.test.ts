import { KUBERNETES_RULES } from '../../../policies/kubernetes';
import { fixtureStack } from '../gke/stack-fixtures';

/** The kubernetes rules apply to what a stack manages: never 27 findings about objects a cluster-only stack does not hold. */
describe('the kubernetes pack\'s scope', () => {
  it('reports nothing on a stack that builds a cluster but manages no Kubernetes objects', () => {
    const stack = fixtureStack('kubernetes/scope/cluster-only.json');
    expect(KUBERNETES_RULES.flatMap((rule) => rule.evaluate(stack))).toEqual([]);
  });

  it('asks for the namespaces and priority classes in a stack that manages objects through Helm', () => {
    const stack = fixtureStack('kubernetes/scope/helm-only.json');
    const counts = Object.fromEntries(KUBERNETES_RULES.map((rule) => [rule.id, rule.evaluate(stack).length]));
    // 003 "Creating namespaces": 22 namespaces; "Service priorities": 4 classes. No GKE cluster here: no storage class is required.
    expect(counts).toEqual({ 'kubernetes.storage-classes': 0, 'kubernetes.namespaces': 22, 'kubernetes.priority-classes': 4, 'kubernetes.no-network-policies': 0 });
  });
});
