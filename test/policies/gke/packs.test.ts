import { Catalog } from '../../../lib/architecture/catalog';
import { Rule } from '../../../lib/policy/model';
import { GKE_RULES } from '../../../policies/gke';
import { KUBERNETES_RULES } from '../../../policies/kubernetes';
import { fixtureStack } from './stack-fixtures';

const DOCUMENT = '003_74d96401c83dc4a0.txt';

/** The documented unsupported features: their rules are errors that cannot be suppressed. */
const UNSUPPORTED_FEATURE_RULES = [
  'gke.no-autopilot', 'gke.vpc-native', 'gke.no-sandbox', 'gke.no-cmek', 'gke.no-service-mesh-addon',
  'gke.no-gke-ingress', 'gke.no-network-policy', 'kubernetes.no-network-policies',
];

describe('the gke and kubernetes packs', () => {
  it('pins the gke pack\'s rules, in order', () => {
    expect(GKE_RULES.map((r) => r.id)).toEqual([
      'gke.no-autopilot',
      'gke.vpc-native',
      'gke.public-cluster',
      'gke.no-sandbox',
      'gke.no-cmek',
      'gke.no-service-mesh-addon',
      'gke.no-gke-ingress',
      'gke.lb-firewall-reconciliation',
      'gke.no-network-policy',
      'gke.filestore-csi',
      'gke.cos-containerd',
      'gke.node-pools',
      'gke.realtime-drain',
      'gke.regional',
      'gke.single-cluster',
      'gke.unit-peering',
      'gke.kubernetes-version',
    ]);
  });

  it('pins the kubernetes pack\'s rules, in order', () => {
    expect(KUBERNETES_RULES.map((r) => r.id)).toEqual([
      'kubernetes.storage-classes',
      'kubernetes.namespaces',
      'kubernetes.priority-classes',
      'kubernetes.no-network-policies',
    ]);
  });

  it('pins the severities and suppressibility', () => {
    const summary = (rules: readonly Rule[]) => Object.fromEntries(rules.map((r) => [r.id, `${r.severity}${r.suppressible ? '' : ', not suppressible'}`]));
    expect(summary([...GKE_RULES, ...KUBERNETES_RULES])).toEqual({
      'gke.no-autopilot': 'error, not suppressible',
      'gke.vpc-native': 'error, not suppressible',
      'gke.public-cluster': 'error',
      'gke.no-sandbox': 'error, not suppressible',
      'gke.no-cmek': 'error, not suppressible',
      'gke.no-service-mesh-addon': 'error, not suppressible',
      'gke.no-gke-ingress': 'error, not suppressible',
      'gke.lb-firewall-reconciliation': 'error',
      'gke.no-network-policy': 'error, not suppressible',
      'gke.filestore-csi': 'error',
      'gke.cos-containerd': 'warning',
      'gke.node-pools': 'error',
      'gke.realtime-drain': 'error',
      'gke.regional': 'error',
      'gke.single-cluster': 'error',
      'gke.unit-peering': 'error',
      'gke.kubernetes-version': 'error',
      'kubernetes.storage-classes': 'error',
      'kubernetes.namespaces': 'error',
      'kubernetes.priority-classes': 'error',
      'kubernetes.no-network-policies': 'error, not suppressible',
    });
  });

  it('makes the documented unsupported features unsuppressible errors citing "GKE > Not supported"', () => {
    const rules = [...GKE_RULES, ...KUBERNETES_RULES].filter((r) => UNSUPPORTED_FEATURE_RULES.includes(r.id));
    expect(rules).toHaveLength(UNSUPPORTED_FEATURE_RULES.length);
    for (const rule of rules) {
      expect({ id: rule.id, severity: rule.severity, suppressible: rule.suppressible, section: rule.reference.section })
        .toEqual({ id: rule.id, severity: 'error', suppressible: false, section: 'GKE > Not supported' });
    }
    // Every feature the catalog lists as not supported has a rule (hybrid-or-multi-cluster: gke.single-cluster,
    // private-cluster: gke.public-cluster, both suppressible: see their rationale).
    const covered: Record<string, string> = {
      autopilot: 'gke.no-autopilot', sandbox: 'gke.no-sandbox', cmek: 'gke.no-cmek', 'network-policy': 'gke.no-network-policy',
      'service-mesh-addon': 'gke.no-service-mesh-addon', 'gke-ingress': 'gke.no-gke-ingress', 'routes-based': 'gke.vpc-native',
      'hybrid-or-multi-cluster': 'gke.single-cluster', 'private-cluster': 'gke.public-cluster',
    };
    expect(Catalog.default().unsupportedFeatures.map((f) => f.key).sort()).toEqual(Object.keys(covered).sort());
  });

  it('gives every rule complete metadata citing a section of the document', () => {
    // That each section exists in the document is checked against the document by npm run audit:sources.
    for (const rule of [...GKE_RULES, ...KUBERNETES_RULES]) {
      expect(rule.pack).toBe(rule.id.split('.')[0]);
      expect(rule.reference.document).toBe(DOCUMENT);
      expect(rule.reference.section).toMatch(/^[A-Z][^>]*( > [^>]+)*$/);
      for (const text of [rule.title, rule.rationale, rule.remediation]) expect(text.length).toBeGreaterThan(20);
    }
  });

  it('passes a complete, compliant unit with every rule of both packs', () => {
    const stack = fixtureStack('gke/full-unit.json');
    const findings = [...GKE_RULES, ...KUBERNETES_RULES].flatMap((rule) => rule.evaluate(stack).map((v) => ({ rule: rule.id, ...v })));
    expect(findings).toEqual([]);
  });

  it('reports nothing on an empty stack, and never throws on odd values', () => {
    const empty = { stack: 'empty', file: 'empty.json', format: 'cdktf' as const, resources: [] };
    expect([...GKE_RULES, ...KUBERNETES_RULES].flatMap((r) => r.evaluate(empty))).toEqual([]);
    const odd = {
      ...empty,
      resources: ['google_container_cluster', 'google_container_node_pool', 'kubernetes_manifest', 'kubernetes_storage_class_v1', 'kubernetes_namespace_v1', 'kubernetes_priority_class_v1', 'kubernetes_ingress_v1']
        .map((type) => ({ type, name: 'odd', address: `${type}.odd`, jsonPath: `resource.${type}.odd`, values: { node_pool: 7, node_config: 'x', metadata: [null], manifest: 3, spec: [], node_locations: 'us-west1-a', autoscaling: true, labels: [] } })),
    };
    for (const rule of [...GKE_RULES, ...KUBERNETES_RULES]) expect(() => rule.evaluate(odd)).not.toThrow();
  });
});
