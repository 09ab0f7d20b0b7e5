import * as fs from 'fs';
import * as path from 'path';
import { synthesizeWithPolicies } from '../../lib/testing/policy';
import { NETWORK_RULES } from '../../policies/network';
import { ROOT } from '../helpers/cli';

/** A network fixture as a raw stack for synthesizeWithPolicies. */
function fixture(name: string) {
  const json = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/policy/network', name, 'cdk.tf.json'), 'utf8'));
  return { name: 'u1', metadata: json['//'].cxunit, resources: json.resource };
}

const SSH_EXACT = "[u1/ssh] [network.exact-ports] google_compute_firewall.ssh: unexpected flow: INGRESS tcp 22 from 0.0.0.0/0 to google_container_node_pool.general, google_container_node_pool.realtime, "
  + "opened by google_compute_firewall.ssh (allow, priority 1000); no documented flow of the unit's boundaries needs it: remove the rule or narrow its ports, ranges and targets to the documented flows "
  + '(source: no catalog connection documents this flow for unit u1 (checked against Setting up Genesys Multicloud CX Private Edition, Communication ports and protocols; Voice connectivity; connection tables of 000, 001, 002, 004); run "cxunit explain network.exact-ports")';
const SSH_WORLD = '[u1/ssh] [network.no-world-open] google_compute_firewall.ssh: tcp 22 on google_container_node_pool.general, google_container_node_pool.realtime is reachable from the whole internet (0.0.0.0/0), '
  + "opened by google_compute_firewall.ssh (allow, priority 1000): only the documented internet-facing ingress (tcp 443 to the ingress node pools) may be; restrict the rule's source_ranges to the peers that need it "
  + '(source: Setting up Genesys Multicloud CX Private Edition, Network access types > Ingress; Software requirements > Third-party dependencies (Load balancer); run "cxunit explain network.no-world-open")';

describe('enforcePolicies: the synth-time Aspect', () => {
  it('lets a compliant stack synthesize, with its metadata in cdk.tf.json', () => {
    const result = synthesizeWithPolicies(fixture('compliant'), { rules: NETWORK_RULES });
    expect(result.errors).toEqual([]);
    expect(result.json?.['//'].cxunit.boundaries.unit).toBe('u1');
  });

  it('fails synth with an error annotation on the construct, naming the rule, the resource and the fix', () => {
    const result = synthesizeWithPolicies(fixture('world-open-ssh'), { rules: NETWORK_RULES });
    expect(result.json).toBeUndefined();
    expect(result.errors).toEqual([SSH_EXACT, SSH_WORLD]);
  });

  it('annotates the stack itself for findings about something missing', () => {
    const result = synthesizeWithPolicies(fixture('missing-port'), { rules: NETWORK_RULES });
    expect(result.errors).toEqual([
      '[u1] [network.exact-ports] stack: missing flow (sbc-ingress): INGRESS udp 5080 from 192.0.2.0/24 to google_container_node_pool.realtime; '
      + 'no rule allows it (the implied deny-ingress rule applies): add an allow rule for it (source: Setting up Genesys Multicloud CX Private Edition, Voice connectivity: Connections row 1; run "cxunit explain network.exact-ports")',
    ]);
  });

  it('honours suppress() on the resource, which writes "//".cxunit.suppressions into cdk.tf.json', () => {
    const raw = {
      ...fixture('world-open-ssh'),
      suppressions: [
        { type: 'google_compute_firewall', name: 'ssh', ruleId: 'network.exact-ports', reason: 'Break-glass SSH (CHG-1234)' },
        { type: 'google_compute_firewall', name: 'ssh', ruleId: 'network.no-world-open', reason: 'Break-glass SSH (CHG-1234)', expires: '2099-12-31' },
      ],
    };
    const result = synthesizeWithPolicies(raw, { rules: NETWORK_RULES });
    expect(result.errors).toEqual([]);
    expect(result.json?.resource.google_compute_firewall.ssh['//'].cxunit).toEqual({
      suppressions: [
        { ruleId: 'network.exact-ports', reason: 'Break-glass SSH (CHG-1234)' },
        { ruleId: 'network.no-world-open', reason: 'Break-glass SSH (CHG-1234)', expires: '2099-12-31' },
      ],
    });
  });

  it('fails synth on an expired suppression', () => {
    const raw = { ...fixture('world-open-ssh'), suppressions: [{ type: 'google_compute_firewall', name: 'ssh', ruleId: 'network.no-world-open', reason: 'Break-glass SSH (CHG-1234)', expires: '2024-01-31' }] };
    const result = synthesizeWithPolicies(raw, { rules: NETWORK_RULES, today: '2025-01-01' });
    expect(result.errors.map((e) => e.slice(0, e.indexOf(':')))).toEqual(['[u1/ssh] [network.exact-ports] google_compute_firewall.ssh', '[u1/ssh] [network.no-world-open] google_compute_firewall.ssh', '[u1/ssh] [cxunit.expired-suppression] google_compute_firewall.ssh']);
  });

  describe('suppress() validates eagerly', () => {
    const attempt = (ruleId: string, reason: string, expires?: string) => () =>
      synthesizeWithPolicies({ ...fixture('compliant'), suppressions: [{ type: 'google_compute_firewall', name: 'sbc_ingress', ruleId, reason, ...(expires ? { expires } : {}) }] });
    it('an unknown rule', () => {
      expect(attempt('network.nope', 'a good reason here')).toThrow(/^cannot suppress unknown rule "network.nope" on google_compute_firewall u1\/sbc_ingress: use one of gke\.no-autopilot, /);
      expect(attempt('network.no-world-opne', 'a good reason here'))
        .toThrow(/^cannot suppress unknown rule "network.no-world-opne" on google_compute_firewall u1\/sbc_ingress \(did you mean "network\.no-world-open"\?\): use one of gke\.no-autopilot, /);
    });
    it('a rule that cannot be suppressed', () => {
      expect(attempt('gke.no-autopilot', 'a good reason here')).toThrow('cannot suppress gke.no-autopilot on google_compute_firewall u1/sbc_ingress: it checks a documented unsupported feature (GKE > Not supported); change the configuration instead');
    });
    it('a short reason', () => {
      expect(attempt('network.exact-ports', 'short')).toThrow('reason "short" for suppressing network.exact-ports on google_compute_firewall u1/sbc_ingress is too short: say in 10 characters or more why the finding is acceptable');
    });
    it('an expiry that is not a date', () => {
      expect(attempt('network.exact-ports', 'a good reason here', '2025-13-01')).toThrow('expiry "2025-13-01" for suppressing network.exact-ports on google_compute_firewall u1/sbc_ingress is not a date: write YYYY-MM-DD');
    });
  });
});
