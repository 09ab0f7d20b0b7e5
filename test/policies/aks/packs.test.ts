import { stackFromCdktfJson } from '../../../lib/policy/cdktf-json';
import { Rule, StackInput } from '../../../lib/policy/model';
import { synthesizeAksUnit } from '../../../lib/testing/synth';
import { ALL_RULES } from '../../../policies';
import { AKS_RULES } from '../../../policies/aks';
import { AKS_PRIMARY } from '../../aks/example-props';
import { compliantUnit, SHAPES, stackOf } from './aks-fixtures';

const DOCUMENT = '003_74d96401c83dc4a0.txt';

describe('the aks pack', () => {
  it('pins the aks pack\'s rules, in order', () => {
    expect(AKS_RULES.map((r) => r.id)).toEqual([
      'aks.pod-networking',
      'aks.no-network-policy',
      'aks.no-service-mesh-addon',
      'aks.csi-drivers',
      'aks.node-pools',
      'aks.realtime-drain',
      'aks.zones',
      'aks.single-cluster',
      'aks.kubernetes-version',
    ]);
  });

  it('pins the severities and suppressibility (what 003 says for AKS, not GKE\'s by analogy)', () => {
    const summary = (rules: readonly Rule[]) => Object.fromEntries(rules.map((r) => [r.id, `${r.severity}${r.suppressible ? '' : ', not suppressible'}`]));
    expect(summary(AKS_RULES)).toEqual({
      'aks.pod-networking': 'error, not suppressible',
      'aks.no-network-policy': 'warning',
      'aks.no-service-mesh-addon': 'error',
      'aks.csi-drivers': 'error',
      'aks.node-pools': 'error',
      'aks.realtime-drain': 'error',
      'aks.zones': 'error',
      'aks.single-cluster': 'error',
      'aks.kubernetes-version': 'error',
    });
    for (const rule of AKS_RULES) expect(rule.reference.section.startsWith('GKE')).toBe(false);
  });

  it('gives every rule complete metadata (scripts/audit-sources.js checks the cited sections against the documents)', () => {
    for (const rule of AKS_RULES) {
      expect(rule.pack).toBe('aks');
      expect(rule.reference.document).toBe(DOCUMENT);
      for (const field of [rule.title, rule.rationale, rule.remediation]) expect(field.length).toBeGreaterThan(20);
    }
  });

  it('passes the hand-written compliant unit in both shapes with every aks rule', () => {
    for (const shape of SHAPES) expect(AKS_RULES.flatMap((rule) => rule.evaluate(stackOf(compliantUnit(), shape)))).toEqual([]);
  });

  it('reports nothing on an empty stack, and never throws on odd values', () => {
    const empty: StackInput = { stack: 'empty', file: 'empty.json', format: 'cdktf', resources: [] };
    expect(AKS_RULES.flatMap((r) => r.evaluate(empty))).toEqual([]);
    const odd: StackInput = {
      ...empty,
      resources: ['azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool'].map((type) => ({
        type, name: 'odd', address: `${type}.odd`, jsonPath: `resource.${type}.odd`,
        values: { default_node_pool: 7, network_profile: 'x', zones: '1', node_labels: [], upgrade_settings: [null], storage_profile: 3, vm_size: 8 },
      })),
    };
    for (const rule of AKS_RULES) expect(() => rule.evaluate(odd)).not.toThrow();
  });
});

describe('an AksUnit stack', () => {
  it('passes every rule of every pack', () => {
    const json = synthesizeAksUnit(AKS_PRIMARY);
    const stack = stackFromCdktfJson(json, 'cdktf.out/stacks/weu1/cdk.tf.json', 'weu1');
    const findings = ALL_RULES.flatMap((rule) => rule.evaluate(stack).map((v) => ({ rule: rule.id, ...v })));
    expect(findings).toEqual([]);
  });
});
