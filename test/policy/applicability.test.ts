import * as path from 'path';
import { evaluatePolicies } from '../../lib/policy/engine';
import { loadStacks } from '../../lib/policy/inputs';
import { Rule, StackInput } from '../../lib/policy/model';
import { AKS_RULES, ALL_RULES, GKE_RULES, KUBERNETES_RULES, NETWORK_RULES } from '../../policies';
import { ROOT } from '../helpers/cli';

/**
 * Rule.notApplicable: a rule that found nothing in a stack it has nothing to check in is reported as not
 * applicable (skipped), never a rule that found something. The expected sets are written from what each pack
 * reads: gke rules GKE clusters and node pools, aks rules AKS clusters and node pools, kubernetes rules the
 * objects of a stack that manages some or is a cxunit unit, network rules access rules, pools or unit metadata.
 */

const stackOf = (file: string): StackInput => loadStacks([path.join(ROOT, file)], { cwd: ROOT })[0];
const idsOf = (rules: readonly Rule[]) => rules.map((rule) => rule.id);

const GKE = 'the stack has no GKE cluster or node pool (google_container_cluster, google_container_node_pool)';
const AKS = 'the stack has no AKS cluster or node pool (azurerm_kubernetes_cluster, azurerm_kubernetes_cluster_node_pool)';
const KUBERNETES = 'the stack manages no Kubernetes objects and is not a cxunit unit';
const NETWORK = 'the stack has no firewall rule, security group, cluster or node pool, and no unit metadata';

function notApplicable(stack: StackInput): Array<[string, string]> {
  const report = evaluatePolicies([stack], ALL_RULES);
  return (report.notApplicable ?? []).map((n) => [n.ruleId, n.reason]);
}

describe('which built-in rules have nothing to check in a stack', () => {
  it('a GKE unit: the aks rules', () => {
    expect(notApplicable(stackOf('test/fixtures/policy/network/compliant/cdk.tf.json'))).toEqual(idsOf(AKS_RULES).map((id) => [id, AKS]));
  });

  it('an AKS cluster with its storage classes: the gke rules; the network rules read its cluster', () => {
    expect(notApplicable(stackOf('test/fixtures/policy/kubernetes/storage-classes/aks-compliant.json'))).toEqual(idsOf(GKE_RULES).map((id) => [id, GKE]));
  });

  it('a Shared VPC host project\'s firewall: the gke, aks and kubernetes rules', () => {
    expect(notApplicable(stackOf('test/fixtures/real-world/shared-vpc-firewall/main.tf.json'))).toEqual([
      ...idsOf(GKE_RULES).map((id) => [id, GKE]),
      ...idsOf(AKS_RULES).map((id) => [id, AKS]),
      ...idsOf(KUBERNETES_RULES).map((id) => [id, KUBERNETES]),
    ]);
  });

  it('a stack of Kubernetes objects only: the gke, aks and network rules', () => {
    expect(notApplicable(stackOf('test/fixtures/policy/kubernetes/storage-classes/kubernetes-only-stack.json'))).toEqual([
      ...idsOf(GKE_RULES).map((id) => [id, GKE]),
      ...idsOf(AKS_RULES).map((id) => [id, AKS]),
      ...idsOf(NETWORK_RULES).map((id) => [id, NETWORK]),
    ]);
  });

  it('a stack with nothing of the kind (a bucket): every rule', () => {
    const bucket: StackInput = {
      stack: 'storage', file: 'storage/cdk.tf.json', format: 'cdktf',
      resources: [{ type: 'google_storage_bucket', name: 'logs', address: 'google_storage_bucket.logs', jsonPath: 'resource.google_storage_bucket.logs', values: { name: 'logs', location: 'US' } }],
    };
    expect(notApplicable(bucket).map(([id]) => id)).toEqual(idsOf(ALL_RULES));
  });
});

describe('the engine', () => {
  const metadata = { pack: 'acme', title: 'A probe', severity: 'error' as const, rationale: 'r', reference: { document: 'Acme handbook', section: 'Probes' }, remediation: 'fix it', suppressible: true };
  const empty: StackInput = { stack: 'u1', file: 'u1/cdk.tf.json', format: 'cdktf', resources: [] };

  it('reports a rule that found something, whatever notApplicable says', () => {
    const finds: Rule = { ...metadata, id: 'acme.finds', evaluate: () => [{ address: 'stack', path: '', message: 'found' }], notApplicable: () => 'never applies' };
    const report = evaluatePolicies([empty], [finds]);
    expect(report.findings.map((f) => [f.ruleId, f.message])).toEqual([['acme.finds', 'found']]);
    expect(report.notApplicable).toEqual([]);
  });

  it('lists a rule that found nothing and does not apply, with the reason, by stack', () => {
    const quiet: Rule = { ...metadata, id: 'acme.quiet', evaluate: () => [], notApplicable: (stack) => (stack.stack === 'u1' ? 'u1 has no probes' : undefined) };
    const report = evaluatePolicies([empty, { ...empty, stack: 'u2' }], [quiet]);
    expect(report.findings).toEqual([]);
    expect(report.notApplicable).toEqual([{ stack: 'u1', ruleId: 'acme.quiet', reason: 'u1 has no probes' }]);
  });

  it('a rule without notApplicable always applies', () => {
    expect(evaluatePolicies([empty], [{ ...metadata, id: 'acme.plain', evaluate: () => [] }]).notApplicable).toEqual([]);
  });

  it('reports a notApplicable that throws, or answers something else than a reason, as an internal error of the rule', () => {
    const throws: Rule = { ...metadata, id: 'acme.throws', evaluate: () => [], notApplicable: () => { throw new Error('resources is undefined'); } };
    const answersTrue: Rule = { ...metadata, id: 'acme.true', evaluate: () => [], notApplicable: (() => true) as unknown as Rule['notApplicable'] };
    const report = evaluatePolicies([empty], [throws, answersTrue]);
    expect(report.findings.map((f) => [f.ruleId, f.internalError, f.message])).toEqual([
      ['acme.throws', true, 'internal error: rule acme.throws failed on this stack (resources is undefined); the stack was not checked by this rule. This is a bug in the rule: report it to its authors with the stack file'],
      ['acme.true', true, 'internal error: rule acme.true failed on this stack (notApplicable returned boolean, not a reason or undefined); the stack was not checked by this rule. This is a bug in the rule: report it to its authors with the stack file'],
    ]);
    expect(report.notApplicable).toEqual([]);
  });
});
