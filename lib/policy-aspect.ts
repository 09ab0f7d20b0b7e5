import { Annotations, IAspect, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { ALL_RULES } from '../policies';
import { Catalog } from './architecture/catalog';
import { CXUNIT_METADATA_KEY } from './network/boundaries';
import { ENGINE_RULES, evaluatePolicies, EvaluatedFinding, failsAt } from './policy/engine';
import { stackFromCdktfDocument } from './policy/inputs';
import { RESERVED_PACKS, Rule, Severity } from './policy/model';
import { rulesWithModules } from './policy/rule-modules';
import { isCalendarDate } from './policy/suppressions';
import { formatPath } from './validation/diagnostic';
import { didYouMean } from './policy/did-you-mean';

/**
 * The synth-time way to run the rules: an Aspect on a stack evaluates them on the stack's final JSON and
 * turns every unsuppressed finding at or above `failOn` into an error annotation on the construct that
 * made the resource (the others into warnings), so `cdktf synth` fails naming the rule, the resource and
 * the fix. The same severity contract as `cxunit check --fail-on` and `policySuite({ failOn })`.
 */

export interface EnforcePoliciesOptions {
  /** @default ALL_RULES */
  readonly rules?: readonly Rule[];
  /**
   * JavaScript files whose exported rules run besides `rules` (validated when loaded, as `cxunit check --rules-module`).
   * @default - none
   */
  readonly rulesModules?: readonly string[];
  /**
   * The lowest severity that fails synthesis; findings below it are reported as warnings.
   * @default 'error' - warnings are reported and do not fail
   */
  readonly failOn?: Severity;
  /** The catalog the rules check against. @default Catalog.default() */
  readonly catalog?: Catalog;
  /** YYYY-MM-DD for expiry checks. @default - today (UTC) */
  readonly today?: string;
}

export class PolicyAspect implements IAspect {
  private readonly rules: readonly Rule[];

  constructor(private readonly stack: TerraformStack, private readonly options: EnforcePoliciesOptions = {}) {
    // loaded now, so that a bad module fails where enforcePolicies is called, not in the middle of synthesis
    this.rules = rulesWithModules(options.rules ?? ALL_RULES, options.rulesModules ?? [], ALL_RULES);
  }

  visit(node: IConstruct): void {
    if (node !== this.stack) return;
    const name = this.stack.node.id;
    const file = `cdktf.out/stacks/${name}/cdk.tf.json`;
    // toTerraform() is what the synthesizer writes: tokens resolved, overrides and "//" metadata included.
    const document = this.stack.toTerraform() as Record<string, unknown>;
    const { stack, problems } = stackFromCdktfDocument(document, file, name);
    if (!stack) {
      for (const problem of problems) Annotations.of(this.stack).addError(`cxunit: ${formatPath(problem.segments)}: ${problem.message}`);
      return;
    }
    const report = evaluatePolicies([stack], this.rules, {
      ...(this.options.today ? { today: this.options.today } : {}),
      ...(this.options.catalog ? { catalog: this.options.catalog } : {}),
    });
    const failOn = this.options.failOn ?? 'error';
    const byPath = new Map(this.stack.node.findAll().map((c) => [c.node.path, c]));
    for (const finding of report.findings.filter((f) => !f.suppressed)) {
      const target = constructOf(finding, stack.resources, byPath) ?? this.stack;
      const text = annotationText(finding);
      if (failsAt(finding, failOn)) Annotations.of(target).addError(text);
      else Annotations.of(target).addWarning(text);
    }
  }
}

/** `[network.exact-ports] google_compute_firewall.ssh: <message> (source: …; cxunit explain network.exact-ports)`. */
export function annotationText(finding: EvaluatedFinding): string {
  return `[${finding.ruleId}] ${finding.address}: ${finding.message} (source: ${finding.reference}; run "cxunit explain ${finding.ruleId}")`;
}

function constructOf(finding: EvaluatedFinding, resources: readonly { address: string; metadata?: Readonly<Record<string, unknown>> }[], byPath: Map<string, IConstruct>): IConstruct | undefined {
  const resource = resources.find((r) => r.address === finding.address);
  const constructPath = (resource?.metadata?.metadata as { path?: string } | undefined)?.path;
  return constructPath ? byPath.get(constructPath) : undefined;
}

interface ResourceSuppression {
  readonly ruleId: string;
  readonly reason: string;
  readonly expires?: string;
}

const suppressionsOf = new WeakMap<TerraformResource, ResourceSuppression[]>();

/**
 * Accepts a rule's findings on one resource, recorded in the resource's `"//".cxunit.suppressions` so
 * that every way of running the rules (synth, Jest, `cxunit check`) sees it. Validated now: the rule
 * must exist and be suppressible, the reason must say why (10 characters or more), and the expiry must
 * be a YYYY-MM-DD date.
 */
export function suppress(resource: TerraformResource, ruleId: string, reason: string, expires?: string): void {
  const rule = [...ALL_RULES, ...ENGINE_RULES].find((r) => r.id === ruleId);
  const where = `${resource.terraformResourceType} ${resource.node.path}`;
  // a team's own rule (a pack of its own) is not known here: its modules are loaded where the rules run
  const custom = /^[a-z][a-z0-9-]*\./.test(ruleId) && !RESERVED_PACKS.includes(ruleId.split('.')[0]);
  if (!rule && !custom) {
    const ids = ALL_RULES.map((r) => r.id);
    throw new Error(`cannot suppress unknown rule "${ruleId}" on ${where}${didYouMean(ruleId, ids)}: use one of ${ids.join(', ')}, or a rule of your own pack`);
  }
  if (rule && !rule.suppressible) throw new Error(`cannot suppress ${ruleId} on ${where}: it checks a documented unsupported feature (${rule.reference.section}); change the configuration instead`);
  if (reason.trim().length < 10) throw new Error(`reason "${reason}" for suppressing ${ruleId} on ${where} is too short: say in 10 characters or more why the finding is acceptable`);
  if (expires !== undefined && !isCalendarDate(expires)) throw new Error(`expiry "${expires}" for suppressing ${ruleId} on ${where} is not a date: write YYYY-MM-DD`);
  const list = [...(suppressionsOf.get(resource) ?? []), { ruleId, reason: reason.trim(), ...(expires !== undefined ? { expires } : {}) }];
  suppressionsOf.set(resource, list);
  resource.addOverride(`//.${CXUNIT_METADATA_KEY}.suppressions`, list);
}
