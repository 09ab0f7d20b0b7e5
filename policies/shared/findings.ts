import { TerraformResource, Violation } from '../../lib/policy/model';
import { PathStep, read, ReadResult } from '../../lib/policy/values';

export type UnknownRead = Extract<ReadResult, { kind: 'unknown' }>;

/** The attribute path of a read inside its resource, for messages (`node_config.image_type`, `node_pool[0].name`). */
export function attributeOf(resource: TerraformResource, path: string): string {
  return path.startsWith(`${resource.jsonPath}.`) ? path.slice(resource.jsonPath.length + 1) : path;
}

/** A finding for a value the rule must read but cannot (fail closed: never a silent pass). */
export function cannotVerify(resource: TerraformResource, result: UnknownRead, what: string): Violation {
  return {
    address: resource.address,
    path: result.path,
    message: `cannot verify ${what}: ${attributeOf(resource, result.path)} is ${describeReason(result)}`,
    cannotVerify: true,
  };
}

/** `an unresolved reference (${var.x})` or `unknown until apply`. */
export function describeReason(result: UnknownRead): string {
  const prefix = 'unresolved reference ';
  return result.reason.startsWith(prefix) ? `an unresolved reference (${result.reason.slice(prefix.length)})` : result.reason;
}

/** Terraform accepts `true` and `"true"` for a bool. */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

export function isFalse(value: unknown): boolean {
  return value === false || value === 'false';
}

/** A value as it appears in a message: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** A number from a JSON number or a numeric string (Terraform converts both); undefined otherwise. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** Whether a string value is set to something (Terraform treats `""` as unset for most string attributes). */
export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Whether an unknown read is an unresolved `${...}` reference in cdk.tf.json (as opposed to a plan's
 * "unknown until apply"). A reference to a key is itself a key: rules about key attributes use this.
 */
export function isUnresolvedReference(result: UnknownRead): boolean {
  return result.reason.startsWith('unresolved reference');
}

/** Configuration steps as a message names them: `['node_pool', 0, 'name']` is `node_pool[0].name`. */
export function describeSteps(steps: readonly (string | number)[]): string {
  return steps.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

/**
 * Reads a nested block: like read(), but an empty list is absent. Plans write an absent block as `[]`
 * (and cdk.tf.json may too), which read() returns as a value.
 */
export function readBlock(resource: TerraformResource, ...steps: PathStep[]): ReadResult {
  const result = read(resource, ...steps);
  return result.kind === 'value' && Array.isArray(result.value) && result.value.length === 0 ? { kind: 'absent', path: result.path } : result;
}
