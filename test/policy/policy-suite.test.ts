import * as fs from 'fs';
import * as path from 'path';
import { policySuite } from '../../lib/testing/policy';
import { AKS_RULES } from '../../policies';
import { exactPorts } from '../../policies/network/exact-ports';
import { noWorldOpen } from '../../policies/network/no-world-open';

/** The two network rules whose findings these tests read (the pack itself is pinned in test/network/network-pack.test.ts). */
const NETWORK_RULES = [exactPorts, noWorldOpen];
import { ROOT } from '../helpers/cli';
import { collect } from '../helpers/jest-suite';

const FIXTURES = path.join(ROOT, 'test/fixtures/policy/network');

// The real thing: one describe per stack, one it per rule, on a compliant fixture.
policySuite(path.join(FIXTURES, 'compliant'), { rules: NETWORK_RULES });

describe('policySuite', () => {
  it('makes one describe per stack and one it per rule (plus the suppressions check)', () => {
    const { describes, results } = collect(() => policySuite(path.join(ROOT, 'test/fixtures/policy/inputs/cdktf-out'), { rules: NETWORK_RULES }));
    expect(describes).toEqual([
      'stack u1 (test/fixtures/policy/inputs/cdktf-out/stacks/u1/cdk.tf.json)',
      'stack u2 (test/fixtures/policy/inputs/cdktf-out/stacks/u2/cdk.tf.json)',
    ]);
    expect(results.map(([name, outcome]) => [name, outcome === 'pass' ? 'pass' : 'fail'])).toEqual([
      ['network.exact-ports: Firewall rules open exactly the documented flows', 'pass'],
      ['network.no-world-open: Only the documented internet-facing ingress is reachable from the internet', 'pass'],
      ['has no expired or refused suppressions', 'pass'],
      ['network.exact-ports: Firewall rules open exactly the documented flows', 'fail'],
      ['network.no-world-open: Only the documented internet-facing ingress is reachable from the internet', 'fail'],
      ['has no expired or refused suppressions', 'pass'],
    ]);
  });

  it('fails a rule\'s test with its findings and the fix', () => {
    const { results } = collect(() => policySuite([], { rules: NETWORK_RULES }));
    expect(results).toEqual([]);
    const failing = collect(() => policySuite(path.join(FIXTURES, 'world-open-ipv6'), { rules: NETWORK_RULES })).results;
    expect(failing[1][1]).toBe('network.no-world-open has 1 finding on stack world-open-ipv6:\n'
      + '  - google_compute_firewall.ssh_v6 (resource.google_compute_firewall.ssh_v6.allow[0]): tcp 22 on google_container_node_pool.general is reachable from the whole internet (::/0), '
      + "opened by google_compute_firewall.ssh_v6 (allow, priority 1000): only the documented internet-facing ingress (tcp 443 to the ingress node pools) may be; restrict the rule's source_ranges to the peers that need it\n"
      + "fix: Restrict the rule's `source_ranges` (GCP) or `source_address_prefix(es)` (Azure) to the peers that need the port (the SBC, the peer units, the health-check ranges), or remove the rule. Only the internet-ingress boundary's ports may be open to 0.0.0.0/0.");
  });

  it('applies a suppressions file', () => {
    const { results } = collect(() => policySuite(path.join(ROOT, 'test/fixtures/policy/inputs/cdktf-out/stacks/u2'), {
      rules: NETWORK_RULES, suppressionsFile: path.join(ROOT, 'test/fixtures/policy/inputs/suppressions/valid.yaml'),
    }));
    expect(results.map(([, outcome]) => outcome)).toEqual(['pass', 'pass', 'pass']);
  });

  it('skips the test of a rule with nothing to check in the stack, saying why (an aks rule on a GKE unit)', () => {
    const aks = AKS_RULES.find((rule) => rule.id === 'aks.zones')!;
    const { results } = collect(() => policySuite(path.join(FIXTURES, 'compliant'), { rules: [aks, exactPorts] }));
    expect(results).toEqual([
      [`aks.zones: ${aks.title} (does not apply: the stack has no AKS cluster or node pool (azurerm_kubernetes_cluster, azurerm_kubernetes_cluster_node_pool))`, 'skipped'],
      ['network.exact-ports: Firewall rules open exactly the documented flows', 'pass'],
      ['has no expired or refused suppressions', 'pass'],
    ]);
  });

  it('takes parsed cdk.tf.json objects by stack name', () => {
    const json = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'compliant/cdk.tf.json'), 'utf8'));
    const { describes } = collect(() => policySuite({ usw9: json }, { rules: NETWORK_RULES }));
    expect(describes).toEqual(['stack usw9 (usw9/cdk.tf.json)']);
  });
});
