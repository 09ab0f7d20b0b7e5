import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformResource, TerraformStack } from 'cdktf';
import { ALL_RULES } from '../../policies';
import { UnitMetadata } from '../network/boundaries';
import { Catalog } from '../architecture/catalog';
import { EnforcePoliciesOptions, suppress } from '../policy-aspect';
import { enforcePolicies } from '../policy-enforcement';
import { ENGINE_RULES, evaluatePolicies, failsAt } from '../policy/engine';
import { loadStacks } from '../policy/inputs';
import { Rule, Severity, StackInput } from '../policy/model';
import { rulesWithModules } from '../policy/rule-modules';
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
  /**
   * JavaScript (or, under a TypeScript-aware Jest, TypeScript) files whose exported rules run besides `rules`,
   * validated when loaded (as `cxunit check --rules-module`).
   * @default - none
   */
  readonly rulesModules?: readonly string[];
  /**
   * The lowest severity that fails a rule's test; findings below it are reported in the test's name and pass.
   * @default 'error' - warnings are reported and do not fail, as in `cxunit check` and at synth
   */
  readonly failOn?: Severity;
  /** The catalog the rules check against. @default Catalog.default() */
  readonly catalog?: Catalog;
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

/**
 * Evaluates when the suite is declared (the test names report the findings below `failOn`, which pass);
 * each rule's test fails with its findings at or above `failOn`.
 */
export function policySuite(source: PolicySuiteSource, options: PolicySuiteOptions = {}): void {
  const { describe, it } = jestGlobals();
  const rules = rulesWithModules(options.rules ?? ALL_RULES, options.rulesModules ?? [], ALL_RULES);
  const failOn = options.failOn ?? 'error';
  const stacks = stacksOf(source);
  const knownIds = new Set([...ALL_RULES, ...rules, ...ENGINE_RULES].map((r) => r.id));
  const suppressions = options.suppressionsFile ? loadSuppressionsFile(options.suppressionsFile, knownIds) : [];
  for (const stack of stacks) {
    const report = evaluatePolicies([stack], rules, {
      suppressions, ...(options.today ? { today: options.today } : {}), ...(options.catalog ? { catalog: options.catalog } : {}),
    });
    const active = report.findings.filter((f) => !f.suppressed);
    describe(`stack ${stack.stack} (${stack.file})`, () => {
      for (const rule of rules) {
        const findings = active.filter((f) => f.ruleId === rule.id);
        const failing = findings.filter((f) => failsAt(f, failOn));
        // A rule with nothing to check in the stack (a gke rule on an AKS stack) is a skipped test, not a pass.
        const notApplicable = report.notApplicable?.find((n) => n.ruleId === rule.id);
        if (notApplicable) {
          it.skip(`${rule.id}: ${rule.title} (does not apply: ${notApplicable.reason})`, () => undefined);
          continue;
        }
        it(`${rule.id}: ${rule.title}${belowFailOn(findings.length - failing.length, failOn)}`, () => {
          if (failing.length > 0) {
            throw new Error(`${rule.id} has ${failing.length} finding${failing.length === 1 ? '' : 's'} on stack ${stack.stack}:\n${describeFindings(failing)}\nfix: ${rule.remediation}`);
          }
        });
      }
      const engine = active.filter((f) => f.ruleId.startsWith('cxunit.'));
      const failing = engine.filter((f) => failsAt(f, failOn));
      it(`has no expired or refused suppressions${belowFailOn(engine.length - failing.length, failOn)}`, () => {
        if (failing.length > 0) throw new Error(describeFindings(failing));
      });
    });
  }
}

/** ` (1 warning, below failOn "error")` in a test name: reported, not failing. */
function belowFailOn(count: number, failOn: Severity): string {
  return count > 0 ? ` (${count} warning${count === 1 ? '' : 's'}, below failOn "${failOn}")` : '';
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
  /** The warning annotations of a successful synth (from the manifest), as `[construct path] message`. */
  readonly warnings: readonly string[];
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
      return { errors: message.split('\n').filter((line) => line.startsWith('[')), warnings: [] };
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, { annotations?: Array<{ constructPath: string; level: string; message: string }> }>;
    };
    const warnings = (manifest.stacks[raw.name]?.annotations ?? []).filter((a) => a.level === '@cdktf/warn').map((a) => `[${a.constructPath}] ${a.message}`);
    return { json: JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', raw.name, 'cdk.tf.json'), 'utf8')), errors: [], warnings };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
