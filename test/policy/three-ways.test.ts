import * as fs from 'fs';
import * as path from 'path';
import { evaluatePolicies } from '../../lib/policy/engine';
import { loadStacks } from '../../lib/policy/inputs';
import { synthesizeWithPolicies } from '../../lib/testing/policy';
import { ALL_RULES } from '../../policies';
import { cxunit, ROOT } from '../helpers/cli';

/**
 * The same rules run three ways (synth-time Aspect, Jest / the engine, `cxunit check`) and must report
 * the same error findings on the same stacks: same rule, resource and message.
 */
const FIXTURES = 'test/fixtures/policy/network';
const CASES = ['compliant', 'world-open-ssh', 'deny-shadowing', 'source-tag', 'unresolved-reference', 'egress-lockdown-open'];

function viaCli(name: string): string[] {
  const result = cxunit(['check', `${FIXTURES}/${name}`, '--format', 'json']);
  expect([0, 1]).toContain(result.status);
  return (JSON.parse(result.stdout).findings as Array<{ ruleId: string; severity: string; address: string; message: string; suppressed: boolean }>)
    .filter((f) => !f.suppressed && f.severity === 'error').map((f) => `${f.ruleId} ${f.address}: ${f.message}`).sort();
}

function viaEngine(name: string): string[] {
  const stacks = loadStacks([path.join(ROOT, FIXTURES, name)], { cwd: ROOT });
  return evaluatePolicies(stacks, ALL_RULES).findings.filter((f) => !f.suppressed && f.severity === 'error').map((f) => `${f.ruleId} ${f.address}: ${f.message}`).sort();
}

function viaSynth(name: string): string[] {
  const json = JSON.parse(fs.readFileSync(path.join(ROOT, FIXTURES, name, 'cdk.tf.json'), 'utf8'));
  const { errors } = synthesizeWithPolicies({ name: 'u1', metadata: json['//'].cxunit, resources: json.resource });
  // `[construct path] [rule] address: message (source: …; run "cxunit explain …")`
  return errors.map((line) => {
    const match = /^\[[^\]]*\] \[([^\]]+)\] (\S+): (.*) \(source: .*\)$/.exec(line);
    if (!match) throw new Error(`unexpected annotation: ${line}`);
    return `${match[1]} ${match[2]}: ${match[3]}`;
  }).sort();
}

describe('the three ways of running the rules agree', () => {
  it.each(CASES)('%s', (name) => {
    const engine = viaEngine(name);
    expect(viaCli(name)).toEqual(engine);
    expect(viaSynth(name)).toEqual(engine);
    if (name !== 'compliant') expect(engine.some((f) => f.startsWith('network.'))).toBe(true);
  });
});
