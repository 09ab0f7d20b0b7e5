import * as fs from 'fs';
import * as path from 'path';
import { stackFromCdktfJson } from '../../../lib/policy/cdktf-json';
import { Rule, StackInput, TerraformResource, UNKNOWN, Violation } from '../../../lib/policy/model';

/**
 * Fixtures of the gke and kubernetes packs (shared by test/policies/gke and test/policies/kubernetes).
 * `*.json` files are cdk.tf.json documents; `*.plan.json` files are `terraform show -json` plans.
 */
export const FIXTURES = path.resolve(__dirname, '../../fixtures/policy');

export function fixtureStack(relative: string): StackInput {
  const file = path.join(FIXTURES, relative);
  const document = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const stackName = path.basename(relative).replace(/(\.plan)?\.json$/, '');
  const displayed = path.relative(path.resolve(__dirname, '../../..'), file);
  return relative.endsWith('.plan.json') ? stackFromPlan(document, displayed, stackName) : stackFromCdktfJson(document, displayed, stackName);
}

/** A rule's violations on a fixture, in a stable order (so that tests compare exact sets). */
export function violations(rule: Rule, relative: string): Violation[] {
  return sortViolations(rule.evaluate(fixtureStack(relative)));
}

export function sortViolations(list: readonly Violation[]): Violation[] {
  const key = (v: Violation) => `${v.address}\u0000${v.path}\u0000${v.message}`;
  return [...list].sort((a, b) => key(a).localeCompare(key(b)));
}

/** Expected violations, sorted like violations(); `cannotVerify` only where true. */
export function expected(...list: Violation[]): Violation[] {
  return sortViolations(list);
}

interface PlanResource {
  readonly address: string;
  readonly mode?: string;
  readonly type: string;
  readonly name: string;
  readonly values?: Record<string, unknown>;
}

interface PlanModule {
  readonly resources?: readonly PlanResource[];
  readonly child_modules?: readonly PlanModule[];
}

/**
 * A minimal plan reader for these tests (the engine's own reader is lib/policy's job): managed resources of
 * `planned_values`, with `UNKNOWN` wherever the resource's change says `after_unknown`, and what each
 * top-level argument refers to from the root module's `configuration`.
 */
export function stackFromPlan(plan: Record<string, unknown>, file: string, stack: string): StackInput {
  const references = configurationReferences(plan.configuration);
  const changes = new Map(((plan.resource_changes ?? []) as { address: string; change?: { after_unknown?: unknown } }[])
    .map((c) => [c.address, c.change?.after_unknown]));
  const resources: TerraformResource[] = [];
  const visit = (module: PlanModule, jsonPath: string) => {
    (module.resources ?? []).forEach((resource, index) => {
      if (resource.mode !== undefined && resource.mode !== 'managed') return;
      const values = markUnknown(structuredClone(resource.values ?? {}), changes.get(resource.address)) as Record<string, unknown>;
      const refs = references.get(resource.address);
      resources.push({ type: resource.type, name: resource.name, address: resource.address, values, jsonPath: `${jsonPath}.resources[${index}].values`, ...(refs ? { references: refs } : {}) });
    });
    (module.child_modules ?? []).forEach((child, index) => visit(child, `${jsonPath}.child_modules[${index}]`));
  };
  visit(((plan.planned_values ?? {}) as { root_module?: PlanModule }).root_module ?? {}, 'planned_values.root_module');
  return { stack, file, format: 'plan', resources };
}

function markUnknown(value: unknown, unknown: unknown): unknown {
  if (unknown === true) return UNKNOWN;
  if (unknown === null || typeof unknown !== 'object') return value;
  const target = (value ?? (Array.isArray(unknown) ? [] : {})) as Record<string | number, unknown>;
  for (const [key, marker] of Object.entries(unknown as Record<string, unknown>)) target[key] = markUnknown(target[key], marker);
  return target;
}

/** Address → argument → references, from `configuration.root_module.resources[].expressions` (root module only). */
function configurationReferences(configuration: unknown): Map<string, Record<string, string[]>> {
  const index = new Map<string, Record<string, string[]>>();
  const root = (configuration as { root_module?: { resources?: { address: string; expressions?: Record<string, unknown> }[] } } | undefined)?.root_module;
  for (const resource of root?.resources ?? []) {
    const byArgument: Record<string, string[]> = {};
    for (const [argument, expression] of Object.entries(resource.expressions ?? {})) {
      const found = collectReferences(expression);
      if (found.length > 0) byArgument[argument] = found;
    }
    index.set(resource.address, byArgument);
  }
  return index;
}

function collectReferences(expression: unknown): string[] {
  if (Array.isArray(expression)) return expression.flatMap(collectReferences);
  if (expression === null || typeof expression !== 'object') return [];
  return Object.entries(expression as Record<string, unknown>).flatMap(([key, value]) => {
    if (key === 'references') return Array.isArray(value) ? value.filter((r): r is string => typeof r === 'string') : [];
    return key === 'constant_value' ? [] : collectReferences(value);
  });
}
