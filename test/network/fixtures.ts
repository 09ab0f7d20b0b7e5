import * as path from 'path';
import { loadStacks } from '../../lib/policy/inputs';
import { Rule, StackInput, Violation } from '../../lib/policy/model';
import { ROOT } from '../helpers/cli';

export const NETWORK_FIXTURES = path.join(ROOT, 'test/fixtures/policy/network');
export const INPUT_FIXTURES = path.join(ROOT, 'test/fixtures/policy/inputs');

/** A network fixture (test/fixtures/policy/network/<name>/cdk.tf.json) as a stack, paths relative to the repository. */
export function networkFixture(name: string): StackInput {
  return loadStacks([path.join(NETWORK_FIXTURES, name)], { cwd: ROOT })[0];
}

/** A rule's violations as [address, path, message] triples: what a reader checks first. */
export function triples(rule: Rule, stack: StackInput): Array<[string, string, string]> {
  return rule.evaluate(stack).map((v: Violation) => [v.address, v.path, v.message]);
}
