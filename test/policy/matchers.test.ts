import * as fs from 'fs';
import * as path from 'path';
import '../../lib/testing/matchers';
import { loadStacks } from '../../lib/policy/inputs';
import { ROOT } from '../helpers/cli';

const FIXTURES = path.join(ROOT, 'test/fixtures/policy/network');
const json = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name, 'cdk.tf.json'), 'utf8'));

describe('policy matchers', () => {
  it('toPassPolicy on a cdk.tf.json object and on a StackInput', () => {
    expect(json('compliant')).toPassPolicy('network.no-world-open');
    expect(json('world-open-ssh')).not.toPassPolicy('network.no-world-open');
    const [stack] = loadStacks([path.join(FIXTURES, 'world-open-ssh')]);
    expect(stack).not.toPassPolicy('network.exact-ports');
  });

  it('explains a failure with the findings', () => {
    expect(() => expect(json('extra-port')).toPassPolicy('network.exact-ports')).toThrow(
      'expected stack u1 to pass network.exact-ports, but it has 1 finding:\n  - google_compute_firewall.admin (resource.google_compute_firewall.admin.allow[0]): unexpected flow: INGRESS tcp 8443 from 10.20.0.0/16');
    expect(() => expect(json('compliant')).toPassPolicy('network.nope')).toThrow('unknown rule "network.nope": run "cxunit explain"');
    expect(() => expect(json('compliant')).toPassPolicy('exact-ports')).toThrow('unknown rule "exact-ports" (did you mean "network.exact-ports"?): run "cxunit explain"');
  });

  it('toOpenExactlyDocumentedPorts', () => {
    expect(json('compliant')).toOpenExactlyDocumentedPorts();
    expect(json('wider-range')).not.toOpenExactlyDocumentedPorts();
    expect(() => expect(json('deny-shadowing')).toOpenExactlyDocumentedPorts()).toThrow(
      'expected stack u1 to pass network.exact-ports (open exactly the documented flows), but it has 1 finding:\n  - google_compute_firewall.deny_https');
  });

  it('toHaveNoResource and toHaveResourceCount', () => {
    expect(json('compliant')).toHaveNoResource('google_compute_network_firewall_policy_rule');
    expect(json('compliant')).not.toHaveNoResource('google_compute_firewall');
    expect(json('compliant')).toHaveResourceCount('google_compute_firewall', 3);
    expect(json('compliant')).toHaveResourceCount('google_container_node_pool', 2);
    expect(() => expect(json('compliant')).toHaveResourceCount('google_compute_firewall', 4)).toThrow(
      'expected stack u1 to have 4 google_compute_firewall, found 3 (google_compute_firewall.internet_ingress, google_compute_firewall.health_check, google_compute_firewall.sbc_ingress)');
    expect(() => expect(json('compliant')).toHaveNoResource('google_container_cluster')).toThrow('expected stack u1 to have no google_container_cluster, but it has google_container_cluster.cluster');
  });

  it('rejects something that is not a stack', () => {
    expect(() => expect([1]).toHaveNoResource('x')).toThrow('expected a StackInput or a cdk.tf.json object, received a list');
    expect(() => expect({ resource: 'x' }).toHaveNoResource('x')).toThrow('not a valid cdk.tf.json:\n  resource: must be an object keyed by resource type (or a list of such objects), found the string "x"');
  });
});
