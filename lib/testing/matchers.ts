import { ALL_RULES, ruleById } from '../../policies';
import { ENGINE_RULES, evaluatePolicies, EvaluatedFinding, failsAt } from '../policy/engine';
import { stackFromCdktfDocument } from '../policy/inputs';
import { Rule, Severity, StackInput } from '../policy/model';
import { formatPath } from '../validation/diagnostic';
import { didYouMean } from '../policy/did-you-mean';

/**
 * Jest matchers over a stack: a StackInput (from loadStacks) or a parsed cdk.tf.json object. Importing
 * this module registers them: `import '../lib/testing/matchers';`.
 *
 *   expect(stack).toPassPolicy('gke.no-autopilot');
 *   expect(stack).toPassPolicy('gke.cos-containerd', { failOn: 'warning' });   // warnings fail too
 *   expect(stack).toOpenExactlyDocumentedPorts();
 *   expect(stack).toHaveNoResource('google_container_cluster');
 *   expect(stack).toHaveResourceCount('google_container_node_pool', 3);
 */

export interface PassPolicyOptions {
  /** @default 'error' */
  readonly failOn?: Severity;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- jest's own extension point
  namespace jest {
    interface Matchers<R> {
      /**
       * No unsuppressed finding of the rule at or above `failOn` (default 'error': a warning rule's findings are
       * reported in the message and pass, as in `cxunit check` and at synth).
       */
      toPassPolicy(ruleId: string, options?: PassPolicyOptions): R;
      /** network.exact-ports passes: the firewall opens exactly the documented flows. */
      toOpenExactlyDocumentedPorts(): R;
      toHaveNoResource(type: string): R;
      toHaveResourceCount(type: string, count: number): R;
    }
  }
}

/** A StackInput as is; a cdk.tf.json object read as a stack (shape and metadata checked). */
export function asStackInput(received: unknown): StackInput {
  if (received && typeof received === 'object' && Array.isArray((received as StackInput).resources) && typeof (received as StackInput).stack === 'string') {
    return received as StackInput;
  }
  if (!received || typeof received !== 'object' || Array.isArray(received)) {
    throw new Error(`expected a StackInput or a cdk.tf.json object, received ${received === null ? 'null' : Array.isArray(received) ? 'a list' : typeof received}`);
  }
  const document = received as Record<string, unknown>;
  const name = ((document['//'] as { metadata?: { stackName?: string } } | undefined)?.metadata?.stackName) ?? 'stack';
  const { stack, problems } = stackFromCdktfDocument(document, `${name}/cdk.tf.json`, name);
  if (!stack) throw new Error(`not a valid cdk.tf.json:\n${problems.map((p) => `  ${formatPath(p.segments)}: ${p.message}`).join('\n')}`);
  return stack;
}

/** The unsuppressed findings of one rule on a stack. */
export function ruleFindings(stack: StackInput, rule: Rule): EvaluatedFinding[] {
  return evaluatePolicies([stack], [rule]).findings.filter((f) => !f.suppressed);
}

export function describeFindings(findings: readonly EvaluatedFinding[]): string {
  return findings.map((f) => `  - ${f.address} (${f.path}): ${f.message}`).join('\n');
}

function lookup(ruleId: string): Rule {
  const rule = ruleById(ruleId);
  if (!rule) {
    const engine = ENGINE_RULES.some((r) => r.id === ruleId) ? ' (an engine check, not a rule)' : '';
    const hint = engine ? '' : didYouMean(ruleId, ALL_RULES.map((r) => r.id));
    throw new Error(`unknown rule "${ruleId}"${engine}${hint}: run "cxunit explain" with one of the ids in docs/policies.md`);
  }
  return rule;
}

function passPolicy(received: unknown, ruleId: string, options: PassPolicyOptions = {}, hint = '') {
  const stack = asStackInput(received);
  const failOn = options.failOn ?? 'error';
  const findings = ruleFindings(stack, lookup(ruleId));
  const failing = findings.filter((f) => failsAt(f, failOn));
  const below = findings.length - failing.length;
  const reported = below > 0 ? ` (${below} warning${below === 1 ? '' : 's'} below failOn "${failOn}":\n${describeFindings(findings.filter((f) => !failing.includes(f)))})` : '';
  return {
    pass: failing.length === 0,
    message: () => failing.length === 0
      ? `expected stack ${stack.stack} to fail ${ruleId}, but it passes${reported}`
      : `expected stack ${stack.stack} to pass ${ruleId}${hint}, but it has ${failing.length} finding${failing.length === 1 ? '' : 's'}:\n${describeFindings(failing)}`,
  };
}

export const policyMatchers = {
  toPassPolicy(received: unknown, ruleId: string, options?: PassPolicyOptions) {
    return passPolicy(received, ruleId, options);
  },
  toOpenExactlyDocumentedPorts(received: unknown) {
    return passPolicy(received, 'network.exact-ports', {}, ' (open exactly the documented flows)');
  },
  toHaveNoResource(received: unknown, type: string) {
    const stack = asStackInput(received);
    const found = stack.resources.filter((r) => r.type === type).map((r) => r.address);
    return {
      pass: found.length === 0,
      message: () => found.length === 0 ? `expected stack ${stack.stack} to have a ${type}, but it has none` : `expected stack ${stack.stack} to have no ${type}, but it has ${found.join(', ')}`,
    };
  },
  toHaveResourceCount(received: unknown, type: string, count: number) {
    const stack = asStackInput(received);
    const found = stack.resources.filter((r) => r.type === type).map((r) => r.address);
    return {
      pass: found.length === count,
      message: () => `expected stack ${stack.stack} ${found.length === count ? 'not ' : ''}to have ${count} ${type}, found ${found.length}${found.length > 0 ? ` (${found.join(', ')})` : ''}`,
    };
  },
};

// Registered when Jest's expect is there (a test file); the module itself loads anywhere.
const jestExpect = (globalThis as unknown as { expect?: { extend(matchers: object): void } }).expect;
jestExpect?.extend(policyMatchers);
