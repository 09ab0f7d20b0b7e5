import { noWorldOpen } from '../../policies/network/no-world-open';
import { StackInput } from '../../lib/policy/model';
import { networkFixture, triples } from './fixtures';

const GENERAL = 'google_container_node_pool.general';
const REALTIME = 'google_container_node_pool.realtime';
const ONLY = 'only the documented internet-facing ingress (tcp 443 to the ingress node pools) may be; restrict the rule\'s source_ranges to the peers that need it';

function withFirewall(stack: StackInput, name: string, values: Record<string, unknown>): StackInput {
  const resource = { type: 'google_compute_firewall', name, address: `google_compute_firewall.${name}`, values, jsonPath: `resource.google_compute_firewall.${name}` };
  return { ...stack, resources: [...stack.resources, resource] };
}

describe('network.no-world-open', () => {
  it('passes a unit that opens only HTTPS to the ingress pool to the internet', () => {
    expect(noWorldOpen.evaluate(networkFixture('compliant'))).toEqual([]);
  });

  it('ignores ranges that are wide but not the whole internet (network.exact-ports reports those)', () => {
    expect(noWorldOpen.evaluate(networkFixture('all-protocol'))).toEqual([]);
    expect(noWorldOpen.evaluate(networkFixture('extra-port'))).toEqual([]);
  });

  it('fails on SSH open to 0.0.0.0/0', () => {
    const stack = networkFixture('world-open-ssh');
    expect(triples(noWorldOpen, stack)).toEqual([
      ['google_compute_firewall.ssh', 'resource.google_compute_firewall.ssh.allow[0]',
        `tcp 22 on ${GENERAL}, ${REALTIME} is reachable from the whole internet (0.0.0.0/0), opened by google_compute_firewall.ssh (allow, priority 1000): ${ONLY}`],
    ]);
    expect(noWorldOpen.evaluate(stack)[0].reference).toBeUndefined();
  });

  it('fails on SSH open to ::/0', () => {
    expect(triples(noWorldOpen, networkFixture('world-open-ipv6'))).toEqual([
      ['google_compute_firewall.ssh_v6', 'resource.google_compute_firewall.ssh_v6.allow[0]',
        `tcp 22 on ${GENERAL} is reachable from the whole internet (::/0), opened by google_compute_firewall.ssh_v6 (allow, priority 1000): ${ONLY}`],
    ]);
  });

  it('still fails when a deny only removes private ranges from a 0.0.0.0/0 rule', () => {
    expect(triples(noWorldOpen, networkFixture('world-open-private-deny'))).toEqual([
      ['google_compute_firewall.ssh', 'resource.google_compute_firewall.ssh.allow[0]',
        `tcp 22 on ${REALTIME} is reachable from the whole internet (0.0.0.0/0), opened by google_compute_firewall.ssh (allow, priority 1000): ${ONLY}`],
    ]);
  });

  it('fails on HTTPS open to the internet on a pool that is not an ingress pool', () => {
    expect(triples(noWorldOpen, networkFixture('https-to-every-pool'))).toEqual([
      ['google_compute_firewall.internet_ingress', 'resource.google_compute_firewall.internet_ingress.allow[0]',
        `tcp 443 on ${REALTIME} is reachable from the whole internet (0.0.0.0/0), opened by google_compute_firewall.internet_ingress (allow, priority 1000): ${ONLY}`],
    ]);
  });

  it('merges a rule that opens every protocol to the internet into one finding', () => {
    const stack = withFirewall(networkFixture('compliant'), 'any', { name: 'any', network: '${google_compute_network.vpc.id}', allow: [{ protocol: 'all' }], source_ranges: ['0.0.0.0/0'], target_tags: ['u1-realtime'] });
    expect(triples(noWorldOpen, stack)).toEqual([
      ['google_compute_firewall.any', 'resource.google_compute_firewall.any.allow[0]',
        `all protocols on ${REALTIME} is reachable from the whole internet (0.0.0.0/0), opened by google_compute_firewall.any (allow, priority 1000): ${ONLY}`],
    ]);
  });

  it('on a stack without cxunit metadata, allows only the catalog\'s internet-facing ports', () => {
    const plain = networkFixture('no-metadata');
    expect(noWorldOpen.evaluate(plain)).toEqual([]);
    const withSsh = withFirewall(plain, 'ssh', { name: 'ssh', network: '${google_compute_network.vpc.id}', allow: [{ protocol: 'tcp', ports: ['22', '443'] }], source_ranges: ['0.0.0.0/0'] });
    expect(triples(noWorldOpen, withSsh)).toEqual([
      ['google_compute_firewall.ssh', 'resource.google_compute_firewall.ssh.allow[0]',
        `tcp 22 on ${GENERAL}, ${REALTIME} is reachable from the whole internet (0.0.0.0/0), opened by google_compute_firewall.ssh (allow, priority 1000): only the documented internet-facing ingress (tcp 443) may be; restrict the rule's source_ranges to the peers that need it`],
    ]);
  });

  it('cannot verify (and does not pass) when a source range is an unresolved reference', () => {
    expect(noWorldOpen.evaluate(networkFixture('unresolved-reference'))).toEqual([{
      address: 'google_compute_firewall.sbc_ingress',
      path: 'resource.google_compute_firewall.sbc_ingress.source_ranges',
      message: 'cannot verify what the internet can reach: source_ranges is an unresolved reference (${var.sbc_source_ranges}); '
        + 'what it opens or closes cannot be computed from the Terraform (the other rules were evaluated without it): use literal values (or suppress with a reason)',
      cannotVerify: true,
    }]);
  });
});
