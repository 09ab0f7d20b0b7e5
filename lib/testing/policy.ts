import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformResource, TerraformStack } from 'cdktf';
import { ALL_RULES } from '../../policies';
import { UnitMetadata } from '../network/boundaries';
import { EnforcePoliciesOptions, suppress } from '../policy-aspect';
import { enforcePolicies } from '../policy-enforcement';
import { ENGINE_RULES, evaluatePolicies, PolicyReport } from '../policy/engine';
import { loadStacks } from '../policy/inputs';
import { Rule, StackInput } from '../policy/model';
import { loadSuppressionsFile } from '../policy/suppressions';
import { asStackInput, describeFindings } from './matchers';

/**
 * The Jest way to run the rules: one `describe` per stack, one `it` per rule, each failing with the
 * rule's findings. Stacks come from a path (cdktf.out, a stack directory, a cdk.tf.json or a plan),
 * from StackInputs, or from parsed cdk.tf.json objects by stack name.
 *
 *   policySuite('cdktf.out');
 */

export interface PolicySuiteOptions {
  /** @default ALL_RULES */
  readonly rules?: readonly Rule[];
  /** A cxunit-suppressions.yaml to apply. */
  readonly suppressionsFile?: string;
  /** YYYY-MM-DD for expiry checks. @default - today (UTC) */
  readonly today?: string;
}

export type PolicySuiteSource = string | readonly StackInput[] | Readonly<Record<string, Record<string, unknown>>>;

export function stacksOf(source: PolicySuiteSource): StackInput[] {
  if (typeof source === 'string') return loadStacks([source]);
  if (Array.isArray(source)) return [...(source as readonly StackInput[])];
  return Object.entries(source as Record<string, Record<string, unknown>>).map(([name, json]) => {
    const stack = asStackInput(json);
    return { ...stack, stack: name, file: `${name}/cdk.tf.json` };
  });
}

type JestGlobals = Pick<typeof import('@jest/globals'), 'beforeAll' | 'describe' | 'it'>;

/** Jest's globals, looked up when a suite is declared (so this module also loads outside Jest). */
function jestGlobals(): JestGlobals {
  const globals = globalThis as unknown as Partial<JestGlobals>;
  if (!globals.describe || !globals.it || !globals.beforeAll) throw new Error('policySuite() declares Jest tests: call it from a Jest test file');
  return globals as JestGlobals;
}

export function policySuite(source: PolicySuiteSource, options: PolicySuiteOptions = {}): void {
  const { beforeAll, describe, it } = jestGlobals();
  const rules = options.rules ?? ALL_RULES;
  const stacks = stacksOf(source);
  const knownIds = new Set([...ALL_RULES, ...ENGINE_RULES].map((r) => r.id));
  const suppressions = options.suppressionsFile ? loadSuppressionsFile(options.suppressionsFile, knownIds) : [];
  for (const stack of stacks) {
    describe(`stack ${stack.stack} (${stack.file})`, () => {
      let report: PolicyReport;
      beforeAll(() => {
        report = evaluatePolicies([stack], rules, { suppressions, ...(options.today ? { today: options.today } : {}) });
      });
      for (const rule of rules) {
        it(`${rule.id}: ${rule.title}`, () => {
          const findings = report.findings.filter((f) => f.ruleId === rule.id && !f.suppressed);
          if (findings.length > 0) {
            throw new Error(`${rule.id} has ${findings.length} finding${findings.length === 1 ? '' : 's'} on stack ${stack.stack}:\n${describeFindings(findings)}\nfix: ${rule.remediation}`);
          }
        });
      }
      it('has no expired or refused suppressions', () => {
        const findings = report.findings.filter((f) => f.ruleId.startsWith('cxunit.') && !f.suppressed && f.severity === 'error');
        if (findings.length > 0) throw new Error(describeFindings(findings));
      });
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Synth-time enforcement under test: a stack of raw resources, synthesized with enforcePolicies().

export interface RawStack {
  readonly name: string;
  /** The top-level `"//".cxunit` metadata a unit stack records. */
  readonly metadata?: UnitMetadata;
  /** Resource type → name → arguments, as they appear in cdk.tf.json. */
  readonly resources: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  /** Suppressions recorded with suppress(). */
  readonly suppressions?: ReadonlyArray<{ readonly type: string; readonly name: string; readonly ruleId: string; readonly reason: string; readonly expires?: string }>;
}

export interface PolicySynthResult {
  /** The synthesized cdk.tf.json, when synth succeeded. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Terraform JSON, asserted on by tests
  readonly json?: Record<string, any>;
  /** The error annotations synth failed with, one per line as cdktf prints them (`[construct path] message`). */
  readonly errors: readonly string[];
}

/** Builds the raw stack with provider-neutral resources, registers enforcePolicies and runs App.synth. */
export function synthesizeWithPolicies(raw: RawStack, options: EnforcePoliciesOptions = {}): PolicySynthResult {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-policy-synth-'));
  try {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, raw.name);
    const made = new Map<string, TerraformResource>();
    for (const [type, byName] of Object.entries(raw.resources)) {
      for (const [name, args] of Object.entries(byName)) {
        const resource = new TerraformResource(stack, name, { terraformResourceType: type });
        for (const [key, value] of Object.entries(args)) resource.addOverride(key, value);
        made.set(`${type}.${name}`, resource);
      }
    }
    for (const s of raw.suppressions ?? []) suppress(made.get(`${s.type}.${s.name}`)!, s.ruleId, s.reason, s.expires);
    if (raw.metadata) stack.addOverride('//.cxunit', raw.metadata);
    enforcePolicies(stack, options);
    try {
      app.synth();
    } catch (error) {
      const message = (error as Error).message;
      return { errors: message.split('\n').filter((line) => line.startsWith('[')) };
    }
    return { json: JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', raw.name, 'cdk.tf.json'), 'utf8')), errors: [] };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
