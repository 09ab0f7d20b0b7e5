/**
 * `cxunit/policy`: the engine and the rules, for teams that run them from their own code or write their
 * own rules (a Rule is its metadata plus a pure `evaluate(stack, context)` returning violations; `context.catalog`
 * is the catalog the check runs against). `loadRuleModules` validates a team's rules modules as `cxunit check` does.
 */
export { AKS_RULES, ALL_RULES, GKE_RULES, KUBERNETES_RULES, NETWORK_RULES, ruleById } from '../../policies';
export { ENGINE_RULES, evaluatePolicies, failsAt, PolicyEvaluation, summarize } from './engine';
export type { AnyRuleMetadata, EvaluatedFinding, EvaluateOptions, PolicyReport, ReportSummary } from './engine';
export { forEachStack, loadStacks, STACK_FILE } from './inputs';
export type { LoadOptions } from './inputs';
export { RESERVED_PACKS, UNKNOWN } from './model';
export type { EvaluationContext, Finding, Pack, Rule, RuleMetadata, Severity, SourceReference, StackInput, TerraformResource, Violation } from './model';
export { loadRuleModules } from './rule-modules';
export type { LoadRuleModulesOptions } from './rule-modules';
export type { SourceSite } from '../source-site';
export { asList, read, resourcesOf, unknownReason } from './values';
export type { PathStep, ReadResult } from './values';
export { loadSuppressionsFile, SUPPRESSIONS_FILE } from './suppressions';
export type { Suppression, SuppressionSource } from './suppressions';
export { InputError } from '../validation/diagnostic';
export type { Diagnostic } from '../validation/diagnostic';
