import { stackFromCdktfDocument } from '../../lib/policy/inputs';
import { StackInput } from '../../lib/policy/model';
import { synthesizeGkeUnit, TerraformJson } from '../../lib/testing/synth';
import { exactPorts } from '../../policies/network/exact-ports';
import { externalPeers } from '../../policies/network/external-peers';
import { noWorldOpen } from '../../policies/network/no-world-open';
import { PRIMARY } from '../gke/example-props';
import { cxunit } from '../helpers/cli';
import { loadStacks } from '../../lib/policy/inputs';
import { ROOT } from '../helpers/cli';

/** Ranges a platform team passes as Terraform variables: the subnet and the SBCs' ranges (a list variable). */
const VARIABLES = {
  subnetCidr: { name: 'subnet_cidr', type: 'string' },
  sbcSourceRanges: { name: 'sbc_ranges', type: 'list(string)' },
} as const;

const cannotVerify = (what: string, uses: string, value: string) => 'cannot verify ' + what + ": the unit's " + uses + ' is ' + value + ', known only at deploy time, '
  + 'so the flows that depend on it cannot be computed until the range is literal: give the unit a literal value '
  + '(for example from a tfvars file read when the stack is synthesized), or suppress this finding with a reason';
const EXACT = 'that the firewall opens exactly the documented flows';

describe('a GkeUnit whose ranges are known only at deploy time (Terraform variables)', () => {
  let json: TerraformJson;
  let stack: StackInput;
  beforeAll(() => {
    json = synthesizeGkeUnit({ ...PRIMARY, enforcePolicies: false }, { variables: VARIABLES });
    const read = stackFromCdktfDocument(json, 'usw1/cdk.tf.json', 'usw1');
    expect(read.problems).toEqual([]);
    stack = read.stack!;
  });

  it('records the variables in its metadata, which reads as unit metadata, not as malformed ranges', () => {
    expect(json['//'].cxunit.boundaries.unitRanges).toEqual(['${var.subnet_cidr}', '10.12.0.0/16', '10.10.16.0/20']);
    // A list variable is one expression where the list goes; the policies read it as a list of one.
    expect(json['//'].cxunit.boundaries.sbc.sourceRanges).toBe('${var.sbc_ranges}');
    expect(stack.boundaries!.sbc!.sourceRanges).toEqual(['${var.sbc_ranges}']);
  });

  it('network.exact-ports reports each deploy-time value once, as cannot-verify, naming it', () => {
    expect(exactPorts.evaluate(stack)).toEqual([
      { address: 'stack', path: '["//"].cxunit.boundaries.sbc.sourceRanges[0]', message: cannotVerify(EXACT, 'sbc.sourceRanges[0]', '${var.sbc_ranges}'), cannotVerify: true },
      { address: 'stack', path: '["//"].cxunit.boundaries.unitRanges[0]', message: cannotVerify(EXACT, 'unitRanges[0]', '${var.subnet_cidr}'), cannotVerify: true },
    ]);
  });

  it('network.no-world-open still checks the readable rules, and cannot verify the rule that uses the variable', () => {
    expect(noWorldOpen.evaluate(stack).map((f) => [f.address, f.path, f.cannotVerify])).toEqual([
      ['google_compute_firewall.unit_firewall_sbc-ingress_15F36CE9', 'resource.google_compute_firewall.unit_firewall_sbc-ingress_15F36CE9.source_ranges', true],
    ]);
  });

  it('network.external-peers has nothing to say: its boundary is literal and the unit does not lock egress down', () => {
    expect(externalPeers.evaluate(stack)).toEqual([]);
    const locked = { ...stack, boundaries: { ...stack.boundaries!, egressLockdown: true, externalPeers: { mail: ['${var.mail_servers}'] } } };
    expect(externalPeers.evaluate(locked)).toEqual([{
      address: 'stack', path: '["//"].cxunit.boundaries.externalPeers.mail[0]', cannotVerify: true,
      message: cannotVerify('which external servers egress lockdown opens to every address', 'externalPeers.mail[0]', '${var.mail_servers}'),
    }]);
  });

  it('fails synthesis with the cannot-verify findings, not with "not an address range"', () => {
    expect(() => synthesizeGkeUnit(PRIMARY, { variables: VARIABLES })).toThrow(cannotVerify(EXACT, 'unitRanges[0]', '${var.subnet_cidr}'));
    expect(() => synthesizeGkeUnit(PRIMARY, { variables: VARIABLES })).not.toThrow(/not an address range|must be a list/);
  });
});

describe('cxunit check on a cdk.tf.json whose unit metadata holds deploy-time values', () => {
  const FIXTURE = 'test/fixtures/policy/network/deploy-time-ranges';

  it('reports the network rules\' cannot-verify findings, one per value, and exits 1', () => {
    const result = cxunit(['check', FIXTURE, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const network = (JSON.parse(result.stdout).findings as Array<Record<string, unknown>>)
      .filter((f) => String(f.ruleId).startsWith('network.') && f.cannotVerify)
      .map((f) => [f.ruleId, f.path]);
    expect(network).toEqual([
      ['network.exact-ports', '["//"].cxunit.boundaries.unitRanges[0]'],
      ['network.exact-ports', '["//"].cxunit.boundaries.sbc.sourceRanges[0]'],
      ['network.exact-ports', '["//"].cxunit.boundaries.sbc.rtpPortRange'],
      ['network.no-world-open', 'resource.google_compute_firewall.sbc_ingress.source_ranges'],
    ]);
  });

  it('still refuses a literal that is no address range', () => {
    expect(() => loadStacks(['test/fixtures/policy/inputs/malformed/bad-metadata-range.json'], { cwd: ROOT })).toThrow(
      'test/fixtures/policy/inputs/malformed/bad-metadata-range.json:16:11: ["//"].cxunit.boundaries.unitRanges[0]: "10.0.0.0/33" is not an address range: write a CIDR such as "10.0.0.0/20" or "2001:db8::/32"');
  });
});
