import { AKS_RULES, ALL_RULES, GKE_RULES, KUBERNETES_RULES, NETWORK_RULES, ruleById } from '../../policies';

describe('the network rule pack', () => {
  it('is exactly network.exact-ports, network.no-world-open and network.external-peers, in that order', () => {
    expect(NETWORK_RULES.map((r) => r.id)).toEqual(['network.exact-ports', 'network.no-world-open', 'network.external-peers']);
  });

  it('has complete metadata on every rule', () => {
    expect(NETWORK_RULES.map((r) => `${r.id}: ${r.severity}`)).toEqual(['network.exact-ports: error', 'network.no-world-open: error', 'network.external-peers: warning']);
    for (const rule of NETWORK_RULES) {
      expect(rule).toMatchObject({ pack: 'network', suppressible: true });
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.rationale.length).toBeGreaterThan(100);
      expect(rule.remediation.length).toBeGreaterThan(50);
      expect(rule.reference.document).toBe('003_74d96401c83dc4a0.txt');
    }
  });
});

describe('ALL_RULES', () => {
  it('is the gke, aks, network and kubernetes packs, in that order, with unique ids', () => {
    expect(ALL_RULES).toEqual([...GKE_RULES, ...AKS_RULES, ...NETWORK_RULES, ...KUBERNETES_RULES]);
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of ALL_RULES) expect(rule.id.startsWith(`${rule.pack}.`)).toBe(true);
  });

  it('looks rules up by id', () => {
    expect(ruleById('network.exact-ports')).toBe(NETWORK_RULES[0]);
    expect(ruleById('network.nope')).toBeUndefined();
  });
});
