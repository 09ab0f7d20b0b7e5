/**
 * `cxunit/policy`: the engine and the rules, for teams that run them from their own code or write their
 * own rules (a Rule is its metadata plus a pure `evaluate(stack)` returning violations).
 */
export { ALL_RULES, GKE_RULES, KUBERNETES_RULES, NETWORK_RULES, ruleById } from '../../policies';
export { ENGINE_RULES, evaluatePolicies, failsAt, summarize } from './engine';
export type { AnyRuleMetadata, EvaluatedFinding, EvaluateOptions, PolicyReport, ReportSummary } from './engine';
export { loadStacks, STACK_FILE } from './inputs';
export type { LoadOptions } from './inputs';
export { UNKNOWN } from './model';
export type { Finding, Pack, Rule, RuleMetadata, Severity, SourceReference, StackInput, TerraformResource, Violation } from './model';
export { asList, read, resourcesOf, unknownReason } from './values';
export type { PathStep, ReadResult } from './values';
export { loadSuppressionsFile, SUPPRESSIONS_FILE } from './suppressions';
export type { Suppression, SuppressionSource } from './suppressions';
export { InputError } from '../validation/diagnostic';
export type { Diagnostic } from '../validation/diagnostic';
