import { Catalog } from '../architecture/catalog';
import { documentTitle } from '../architecture/documents';
import { SourceSite, userSite } from '../source-site';
import { EvaluationContext, Finding, Pack, RESERVED_PACKS, Rule, RuleMetadata, SourceReference, StackInput, Violation } from './model';
import { describeSource, isExpired, resourceSuppressions, Suppression, today as currentDay } from './suppressions';

/**
 * Runs rules over stacks and applies suppressions. A rule that throws is reported as an internal
 * error finding of that rule (never a pass); suppressed findings stay in the report, marked.
 */

/** Rules and the engine's own checks (expired and refused suppressions). */
export type AnyRuleMetadata = Omit<RuleMetadata, 'pack'> & { readonly pack: Pack | 'engine' };

export interface EvaluatedFinding extends Finding {
  readonly suppressed: boolean;
  /** Why the finding is accepted, and where that is written. */
  readonly suppression?: { readonly reason: string; readonly expires?: string; readonly source: string };
  /** The rule threw: a bug in cxunit, reported instead of a pass. */
  readonly internalError?: boolean;
  /** Line and column when the finding is about a file that is not JSON (the suppressions YAML). */
  readonly location?: { readonly line: number; readonly column: number };
}

export interface PolicyReport {
  readonly stacks: ReadonlyArray<{ readonly stack: string; readonly file: string }>;
  /** The rules that ran, then the engine's checks. */
  readonly rules: readonly AnyRuleMetadata[];
  /** By stack (in input order), then rule order, then as the rule reported them; engine findings last. */
  readonly findings: readonly EvaluatedFinding[];
  /** Rules that found nothing in a stack because they have nothing to check there (Rule.notApplicable), by stack, then rule order. */
  readonly notApplicable?: ReadonlyArray<{ readonly stack: string; readonly ruleId: string; readonly reason: string }>;
}

export interface EvaluateOptions {
  /** From a suppressions file (resource-metadata suppressions are read from the stacks). */
  readonly suppressions?: readonly Suppression[];
  /** YYYY-MM-DD (UTC): the day expiry dates are compared with; default today. */
  readonly today?: string;
  /** The catalog the rules check against. @default Catalog.default() */
  readonly catalog?: Catalog;
}

const SETUP_DOCUMENT = '003_74d96401c83dc4a0.txt';

export const EXPIRED_SUPPRESSION: AnyRuleMetadata = {
  id: 'cxunit.expired-suppression',
  pack: 'engine',
  title: 'Suppressions expire',
  severity: 'error',
  rationale: 'A suppression with an expiry date is a promise to fix the finding by then. Once the date has passed the '
    + 'suppression no longer applies (the finding it covered is reported again) and the stale entry itself is an error, '
    + 'so that accepted risks are revisited rather than forgotten.',
  reference: { document: SETUP_DOCUMENT, section: 'Security (you are responsible for maintaining the security of your private edition infrastructure)' },
  remediation: 'Fix the finding and delete the suppression, or, if the risk is still accepted, set a new `expires` date '
    + 'and update the reason.',
  suppressible: false,
};

export const UNSUPPRESSIBLE: AnyRuleMetadata = {
  id: 'cxunit.unsuppressible',
  pack: 'engine',
  title: 'Unsupported features cannot be suppressed',
  severity: 'warning',
  rationale: 'The features that 003 "GKE > Not supported" lists are outside what the vendor supports: a suppression '
    + 'cannot make a deployment supported, so suppressions of those rules are ignored and reported.',
  reference: { document: SETUP_DOCUMENT, section: 'GKE > Not supported' },
  remediation: 'Delete the suppression and change the configuration so that the rule passes.',
  suppressible: false,
};

export const CANNOT_READ: AnyRuleMetadata = {
  id: 'cxunit.cannot-read',
  pack: 'engine',
  title: 'Every part of the input is read',
  severity: 'error',
  rationale: 'A rule that cannot read a value reports it; the same holds for whole parts of a configuration that no rule '
    + 'can see: a module call (cxunit does not fetch module sources, so a cluster or firewall built by a module would '
    + 'otherwise pass every rule silently) and a count or for_each that is not a literal (how many instances exist is '
    + 'unknown). Each is reported once, naming what it may hide.',
  reference: { document: SETUP_DOCUMENT, section: 'Security (you are responsible for maintaining the security of your private edition infrastructure)' },
  remediation: 'Check the plan instead ("terraform show -json" lists every module\'s resources and expands count and '
    + 'for_each), use literal values, or suppress the finding on that address with a reason.',
  suppressible: true,
};

export const PARTIAL_CHECK: AnyRuleMetadata = {
  id: 'cxunit.partial-check',
  pack: 'engine',
  title: 'A plan read without its unit metadata is checked partly',
  severity: 'warning',
  rationale: 'A plan ("terraform show -json") carries no cxunit unit metadata: it is read from the cdk.tf.json beside it. '
    + 'Without one, the unit\'s declared boundaries and service groups are unknown, so some checks cannot be made; the '
    + 'plan says which, once, instead of passing them silently or failing every one.',
  reference: { document: SETUP_DOCUMENT, section: 'Communication ports and protocols' },
  remediation: 'Keep the plan next to the stack\'s cdk.tf.json (cdktf.out/stacks/<stack>/plan.json) so that the full checks run.',
  suppressible: true,
};

export const ENGINE_RULES: readonly AnyRuleMetadata[] = [EXPIRED_SUPPRESSION, UNSUPPRESSIBLE, CANNOT_READ, PARTIAL_CHECK];

/** The engine's own findings about a stack (not about suppressions), by check. */
const STACK_CHECKS = new Map<AnyRuleMetadata, (stack: StackInput) => Array<Pick<Finding, 'address' | 'path' | 'message'> & { cannotVerify?: boolean; file?: string }>>([
  [CANNOT_READ, (stack) => (stack.unreadable ?? []).map((part) => ({ ...part, cannotVerify: true }))],
  [PARTIAL_CHECK, (stack) => (stack.format === 'plan' && !stack.boundaries ? [{
    address: 'stack', path: '',
    message: 'this plan was read without the cdk.tf.json beside it, so it has no cxunit unit metadata: network.exact-ports checked only '
      + 'flows that no unit documents (not that this unit\'s documented flows are open and nothing else is), and kubernetes.namespaces asks '
      + 'for every service group\'s namespaces; keep the plan next to the stack\'s cdk.tf.json for the full check',
  }] : [])],
]);

/** `Setting up Genesys Multicloud CX Private Edition, GKE > Not supported`: a document by its title, then the section. */
export function formatReference(reference: SourceReference): string {
  return `${documentTitle(reference.document)}, ${reference.section}`;
}

export function evaluatePolicies(stacks: readonly StackInput[], rules: readonly Rule[], options: EvaluateOptions = {}): PolicyReport {
  const evaluation = new PolicyEvaluation(rules, options);
  for (const stack of stacks) evaluation.add(stack);
  return evaluation.report();
}

/**
 * evaluatePolicies one stack at a time: add() checks a stack and keeps only its findings, so that a caller
 * reading an estate (cxunit check) holds one stack at a time; report() gives what evaluatePolicies would for
 * the stacks added, in that order.
 */
export class PolicyEvaluation {
  private readonly stacks: Array<{ readonly stack: string; readonly file: string }> = [];
  private readonly findings: EvaluatedFinding[] = [];
  private readonly notApplicable: Array<{ readonly stack: string; readonly ruleId: string; readonly reason: string }> = [];
  /** Findings about the suppressions that stacks carry, in stack order. */
  private readonly stackSuppressionFindings: EvaluatedFinding[] = [];
  private readonly context: EvaluationContext;
  private readonly day: string;
  private readonly ruleById: Map<string, Rule>;
  private readonly fileSuppressions: readonly Suppression[];
  /** The rules, then the engine's checks of a stack. */
  private readonly checks: ReadonlyArray<Rule | AnyRuleMetadata>;

  constructor(private readonly rules: readonly Rule[], options: EvaluateOptions = {}) {
    this.day = options.today ?? currentDay();
    this.ruleById = new Map(rules.map((r) => [r.id, r]));
    this.context = { catalog: options.catalog ?? Catalog.default() };
    this.fileSuppressions = options.suppressions ?? [];
    this.checks = [...rules, ...STACK_CHECKS.keys()];
  }

  add(stack: StackInput): void {
    this.stacks.push({ stack: stack.stack, file: stack.file });
    const stackSuppressions = resourceSuppressions(stack);
    for (const suppression of stackSuppressions) this.stackSuppressionFindings.push(...this.suppressionFindings(suppression));
    const active = [...this.fileSuppressions, ...stackSuppressions].filter((suppression) => this.usable(suppression));
    const whereMade = constructLocator(stack);
    const fileOf = resourceFiles(stack);
    // Indexed loops: once per stack and rule, mostly before V8 has optimized this, where for-of allocates per step.
    for (let r = 0; r < this.checks.length; r++) {
      const rule = this.checks[r];
      const check = STACK_CHECKS.get(rule);
      const found = check ? engineFindingsOf(rule, check(stack), stack, whereMade) : runRule(rule as Rule, stack, this.context, whereMade, fileOf);
      if (found.length === 0 && !check) {
        const reason = notApplicableReason(rule as Rule, stack);
        if (typeof reason === 'string' && reason !== '') this.notApplicable.push({ stack: stack.stack, ruleId: rule.id, reason });
        else if (reason) this.findings.push(reason);
      }
      for (let f = 0; f < found.length; f++) {
        const finding = found[f];
        const suppression = rule.suppressible && !finding.internalError
          ? active.find((s) => s.ruleId === finding.ruleId && s.address === finding.address && (s.stack === undefined || s.stack === finding.stack))
          : undefined;
        this.findings.push(suppression
          ? { ...finding, suppressed: true, suppression: { reason: suppression.reason, ...(suppression.expires ? { expires: suppression.expires } : {}), source: describeSource(suppression.source) } }
          : finding);
      }
    }
  }

  report(): PolicyReport {
    const checked = new Set(this.stacks.map((s) => s.stack));
    // A file's suppression of a stack that was not checked says nothing about this run.
    const fileFindings = this.fileSuppressions
      .filter((suppression) => suppression.stack === undefined || checked.has(suppression.stack))
      .flatMap((suppression) => this.suppressionFindings(suppression));
    return {
      stacks: [...this.stacks],
      rules: [...this.rules.map(metadataOf), ...ENGINE_RULES],
      findings: [...this.findings, ...fileFindings, ...this.stackSuppressionFindings],
      notApplicable: [...this.notApplicable],
    };
  }

  private usable(suppression: Suppression): boolean {
    if (isExpired(suppression, this.day)) return false;
    const rule = this.ruleById.get(suppression.ruleId);
    return !rule || rule.suppressible;
  }

  /** The engine's findings about one suppression: expired, or of a rule that cannot be suppressed. */
  private suppressionFindings(suppression: Suppression): EvaluatedFinding[] {
    const found: EvaluatedFinding[] = [];
    const where = describeSource(suppression.source);
    const base = {
      stack: suppression.stack ?? '*', file: suppression.source.file, address: suppression.address,
      path: suppression.source.path, suppressed: false,
      ...(suppression.source.line > 0 ? { location: { line: suppression.source.line, column: suppression.source.column } } : {}),
    };
    if (isExpired(suppression, this.day)) {
      found.push({
        ...base, ruleId: EXPIRED_SUPPRESSION.id, severity: EXPIRED_SUPPRESSION.severity, reference: formatReference(EXPIRED_SUPPRESSION.reference),
        message: `suppression of ${suppression.ruleId} on ${suppression.address} expired on ${suppression.expires} (${where}): fix the finding and delete the suppression, or renew it with a new date and reason`,
      });
    }
    const rule = this.ruleById.get(suppression.ruleId);
    if (rule && !rule.suppressible) {
      found.push({
        ...base, ruleId: UNSUPPRESSIBLE.id, severity: UNSUPPRESSIBLE.severity, reference: formatReference(rule.reference),
        message: `suppression of ${suppression.ruleId} on ${suppression.address} is ignored (${where}): ${rule.id} checks a documented unsupported feature and cannot be suppressed; delete the suppression`,
      });
    }
    return found;
  }
}

function engineFindingsOf(check: AnyRuleMetadata, found: ReturnType<NonNullable<ReturnType<typeof STACK_CHECKS.get>>>, stack: StackInput, whereMade: ConstructLocator): EvaluatedFinding[] {
  return found.map((part) => ({
    ruleId: check.id, severity: check.severity, stack: stack.stack, file: part.file ?? stack.file, suppressed: false,
    address: part.address, path: part.path, message: part.message, reference: formatReference(check.reference),
    ...(part.cannotVerify ? { cannotVerify: true } : {}),
    ...whereMade(part.address),
  }));
}

export function metadataOf(rule: Rule | AnyRuleMetadata): AnyRuleMetadata {
  const { id, pack, title, severity, rationale, reference, remediation, suppressible, helpUri } = rule;
  return { id, pack, title, severity, rationale, reference, remediation, suppressible, ...(helpUri ? { helpUri } : {}) };
}

/**
 * The file a finding's address is written in: a stack read from a module directory spans several files, and
 * a finding may name a part of a resource (`azurerm_network_security_group.web.security_rule["ssh"]`).
 */
function resourceFiles(stack: StackInput): (address: string, path: string) => string {
  if (!stack.resources.some((r) => r.file !== undefined)) return () => stack.file;
  const byAddress = new Map(stack.resources.map((r) => [r.address, r.file ?? stack.file]));
  return (address, path) => {
    // A stack-level finding about a missing resource points at its type (`resource.google_container_node_pool`): the file that declares that type.
    const type = address === 'stack' ? /^resource\.([\w-]+)/.exec(path)?.[1] : undefined;
    if (type) return stack.resources.find((r) => r.type === type)?.file ?? stack.file;
    for (let end = address.length; end > 0; end = Math.max(address.lastIndexOf('.', end - 1), address.lastIndexOf('[', end - 1))) {
      const file = byAddress.get(address.slice(0, end));
      if (file !== undefined) return file;
    }
    return stack.file;
  };
}

type ConstructLocator = (address: string) => { constructPath?: string; source?: SourceSite };

/**
 * Where the resource at an address was made: its construct path (`"//".metadata.path`) and the user's source
 * line, from cdktf's `"//".metadata.stackTrace` when cdktf recorded one, else from the unit's recorded creation
 * site for the resources the unit made (and for stack-level findings of a unit stack).
 */
function constructLocator(stack: StackInput): ConstructLocator {
  // Built on the first finding: most stacks of an estate have none.
  let metadataByAddress: Map<string, { path?: unknown; stackTrace?: unknown }> | undefined;
  const unit = stack.createdAt;
  const site = (s: SourceSite): SourceSite => ({ file: s.file, line: s.line, column: s.column });
  return (address) => {
    if (address === 'stack') return unit ? { ...(unit.constructPath ? { constructPath: unit.constructPath } : {}), source: site(unit) } : {};
    metadataByAddress ??= new Map(stack.resources.map((r) => [r.address, (r.metadata?.metadata ?? {}) as { path?: unknown; stackTrace?: unknown }]));
    const metadata = metadataByAddress.get(address);
    const constructPath = typeof metadata?.path === 'string' ? metadata.path : undefined;
    const trace = Array.isArray(metadata?.stackTrace) ? metadata.stackTrace.filter((f): f is string => typeof f === 'string') : [];
    const traced = userSite(trace);
    const inUnit = unit?.constructPath !== undefined && constructPath !== undefined
      && (constructPath === unit.constructPath || constructPath.startsWith(`${unit.constructPath}/`));
    const source = traced ?? (inUnit ? site(unit!) : undefined);
    return { ...(constructPath ? { constructPath } : {}), ...(source ? { source } : {}) };
  };
}

function runRule(rule: Rule, stack: StackInput, context: EvaluationContext, whereMade: ConstructLocator, fileOf: (address: string, path: string) => string): EvaluatedFinding[] {
  let reported: readonly Violation[];
  try {
    reported = rule.evaluate(stack, context);
    if (!Array.isArray(reported)) throw new Error(`evaluate returned ${typeof reported}, not a list of violations`);
  } catch (error) {
    return [internalErrorFinding(rule, stack, error)];
  }
  // Most rules find nothing on most stacks: nothing to build then.
  if (reported.length === 0) return [];
  const base = { ruleId: rule.id, severity: rule.severity, stack: stack.stack, file: stack.file, suppressed: false };
  try {
    // A rule that meets one cause twice (two reads through the same unresolved block) reports it once.
    const seen = new Set<string>();
    const violations = reported.filter((v) => {
      const key = `${v.address}\u0000${v.path}\u0000${v.message}`;
      return !seen.has(key) && Boolean(seen.add(key));
    });
    return violations.map((v) => ({
      ...base, file: fileOf(v.address, v.path), address: v.address, path: v.path, message: v.message, reference: v.reference ?? formatReference(rule.reference),
      ...(v.cannotVerify ? { cannotVerify: true } : {}),
      ...whereMade(v.address),
    }));
  } catch (error) {
    return [internalErrorFinding(rule, stack, error)];
  }
}

/** Why a rule that found nothing has nothing to check in the stack; an internal error finding when asking throws. */
function notApplicableReason(rule: Rule, stack: StackInput): string | EvaluatedFinding | undefined {
  if (!rule.notApplicable) return undefined;
  try {
    const reason = rule.notApplicable(stack);
    if (reason !== undefined && typeof reason !== 'string') throw new Error(`notApplicable returned ${typeof reason}, not a reason or undefined`);
    return reason;
  } catch (error) {
    return internalErrorFinding(rule, stack, error);
  }
}

/** A rule that threw (or returned something that is not a list of violations): reported, never a pass. */
function internalErrorFinding(rule: Rule, stack: StackInput, error: unknown): EvaluatedFinding {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ruleId: rule.id, severity: 'error', stack: stack.stack, file: stack.file, suppressed: false, address: 'stack', path: '',
    reference: formatReference(rule.reference), internalError: true,
    message: `internal error: rule ${rule.id} failed on this stack (${reason}); the stack was not checked by this rule. `
      + (RESERVED_PACKS.includes(rule.pack) ? 'This is a cxunit bug: report it with the stack file' : 'This is a bug in the rule: report it to its authors with the stack file'),
  };
}

export interface ReportSummary {
  readonly stacks: number;
  readonly rules: number;
  readonly errors: number;
  readonly warnings: number;
  readonly suppressed: number;
  readonly cannotVerify: number;
  readonly internalErrors: number;
}

export function summarize(report: PolicyReport): ReportSummary {
  const active = report.findings.filter((f) => !f.suppressed);
  return {
    stacks: report.stacks.length,
    rules: report.rules.filter((r) => r.pack !== 'engine').length,
    errors: active.filter((f) => f.severity === 'error').length,
    warnings: active.filter((f) => f.severity === 'warning').length,
    suppressed: report.findings.length - active.length,
    cannotVerify: active.filter((f) => f.cannotVerify).length,
    internalErrors: active.filter((f) => f.internalError).length,
  };
}

/** Whether a finding counts for the exit code at `failOn`. Suppressed findings never do. */
export function failsAt(finding: EvaluatedFinding, failOn: 'error' | 'warning'): boolean {
  if (finding.suppressed) return false;
  return failOn === 'warning' || finding.severity === 'error';
}
