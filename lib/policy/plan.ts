import { PathSegment } from '../validation/diagnostic';
import type { Companion, ReportShape } from './inputs';
import { REDACTED, StackInput, TerraformResource, UNKNOWN } from './model';

/**
 * A stack from `terraform show -json <plan>`: the resources as they will be after apply, in every module
 * (`planned_values` with `child_modules` at any depth). Values come from `resource_changes[].change.after`
 * with `after_unknown` laid over them, falling back to `planned_values` for resources without a change
 * entry. Data sources and resources being destroyed (or forgotten) are left out; `no-op`, `update`,
 * `create` and replacements are checked.
 *
 * An unknown value is read against the plan's `configuration`: when the configuration sets it (to a
 * reference, a function call…) it stays UNKNOWN and rules report that they cannot verify it; when the
 * configuration does not set it at all, the provider computes its default, so it is left out and rules
 * apply the provider default they document (docs/provider-defaults.md). Without a configuration entry for
 * the resource, every unknown stays UNKNOWN. A value `after_sensitive` marks and the plan does not carry
 * (a redacted plan) is REDACTED.
 */
export function stackFromPlan(document: Record<string, unknown>, file: string, stack: string, report: ReportShape, companion?: Companion): StackInput {
  const resources = new Map<string, TerraformResource>();
  const expressions = configurationIndex(document.configuration);
  const references = expressions;

  const planned = document.planned_values;
  if (planned !== undefined) {
    if (!isObject(planned)) report(['planned_values'], `must be an object, found ${kind(planned)}: is this "terraform show -json" output?`);
    else if (planned.root_module !== undefined) readModule(planned.root_module, ['planned_values', 'root_module'], resources, report, references, changedAddresses(document.resource_changes));
  }

  const changes = document.resource_changes;
  if (changes !== undefined && !Array.isArray(changes)) {
    report(['resource_changes'], `must be a list, found ${kind(changes)}: is this "terraform show -json" output?`);
  } else if (Array.isArray(changes)) {
    changes.forEach((change, index) => {
      const at: PathSegment[] = ['resource_changes', index];
      if (!isObject(change)) return report(at, `must be an object, found ${kind(change)}: each resource change is an object with "address", "type" and "change"`);
      const shape = resourceShape(change, at, report, ['address', 'type', 'name']);
      if (!shape) return;
      if (change.mode === 'data') return;
      const body = change.change;
      if (!isObject(body)) return report([...at, 'change'], `must be an object with "actions", "after" and "after_unknown", found ${kind(body)}: is this "terraform show -json" output?`);
      const actions = Array.isArray(body.actions) ? body.actions : [];
      if (actions.length === 1 && (actions[0] === 'delete' || actions[0] === 'forget')) {
        resources.delete(shape.address);
        return;
      }
      const after = body.after;
      if (after !== null && after !== undefined && !isObject(after)) return report([...at, 'change', 'after'], `must be an object or null, found ${kind(after)}: is this "terraform show -json" output?`);
      const withMarks = withUnknowns(withRedactions(after ?? {}, body.after_sensitive), body.after_unknown) as Record<string, unknown>;
      const configured = expressions.get(configurationAddress(shape.address));
      const values = configured && holdsUnknown(withMarks) ? (settle(withMarks, configured) ?? {}) as Record<string, unknown> : withMarks;
      resources.set(shape.address, resource(shape, values, `resource_changes[${index}].change.after`, references));
    });
  }

  const withMetadata = [...resources.values()].map((r) => {
    const metadata = companion?.metadata.get(r.address);
    return metadata && companion ? { ...r, metadata: metadata.values, metadataSource: { file: companion.file, jsonPath: metadata.jsonPath } } : r;
  });
  return {
    stack, file, format: 'plan', resources: withMetadata,
    ...(companion?.boundaries ? { boundaries: companion.boundaries } : {}),
    ...(companion?.serviceGroups ? { serviceGroups: companion.serviceGroups } : {}),
    ...(companion?.createdAt ? { createdAt: companion.createdAt } : {}),
  };
}

interface ResourceShape {
  readonly address: string;
  readonly type: string;
  readonly name: string;
}

function resourceShape(entry: Record<string, unknown>, at: PathSegment[], report: ReportShape, keys: readonly string[]): ResourceShape | undefined {
  let ok = true;
  for (const key of keys) {
    if (typeof entry[key] !== 'string') {
      report([...at, key], entry[key] === undefined ? `missing key "${key}": is this "terraform show -json" output?` : `must be a string, found ${kind(entry[key])}: is this "terraform show -json" output?`);
      ok = false;
    }
  }
  return ok ? { address: entry.address as string, type: entry.type as string, name: entry.name as string } : undefined;
}

/** Addresses with a resource_changes entry: their planned_values entry is superseded (it has no unknowns). */
function changedAddresses(changes: unknown): Set<string> {
  return new Set(Array.isArray(changes) ? changes.flatMap((c) => (isObject(c) && typeof c.address === 'string' ? [c.address] : [])) : []);
}

function readModule(module: unknown, at: PathSegment[], resources: Map<string, TerraformResource>, report: ReportShape, references: ExpressionIndex, changed: ReadonlySet<string>): void {
  if (!isObject(module)) return report(at, `must be an object with "resources" and "child_modules", found ${kind(module)}: is this "terraform show -json" output?`);
  const list = module.resources;
  if (list !== undefined && !Array.isArray(list)) report([...at, 'resources'], `must be a list, found ${kind(list)}: is this "terraform show -json" output?`);
  if (Array.isArray(list)) {
    list.forEach((entry, index) => {
      const entryAt = [...at, 'resources', index];
      if (!isObject(entry)) return report(entryAt, `must be an object, found ${kind(entry)}: each resource is an object with "address", "type" and "values"`);
      const shape = resourceShape(entry, entryAt, report, ['address', 'type', 'name']);
      if (!shape || entry.mode === 'data' || changed.has(shape.address)) return;
      const values = entry.values;
      if (values !== undefined && values !== null && !isObject(values)) return report([...entryAt, 'values'], `must be an object, found ${kind(values)}: is this "terraform show -json" output?`);
      resources.set(shape.address, resource(shape, (values ?? {}) as Record<string, unknown>, `${pathText(entryAt)}.values`, references));
    });
  }
  const children = module.child_modules;
  if (children !== undefined && !Array.isArray(children)) report([...at, 'child_modules'], `must be a list, found ${kind(children)}: is this "terraform show -json" output?`);
  if (Array.isArray(children)) children.forEach((child, index) => readModule(child, [...at, 'child_modules', index], resources, report, references, changed));
}

/** `module.a[0].google_x.b["k"]` → `module.a.google_x.b`, the resource's address in the configuration. */
function configurationAddress(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '');
}

function resource(shape: ResourceShape, values: Record<string, unknown>, jsonPath: string, expressions: ExpressionIndex): TerraformResource {
  const configured = expressions.get(configurationAddress(shape.address));
  // What an argument refers to matters only where its value is unknown: only those are collected.
  let refs: Record<string, string[]> | undefined;
  if (configured) {
    for (const [argument, value] of Object.entries(values)) {
      if (!holdsUnknown(value) || configured[argument] === undefined) continue;
      const found = collectReferences(configured[argument]);
      if (found.length > 0) (refs ??= {})[argument] = found;
    }
  }
  return { type: shape.type, name: shape.name, address: shape.address, values, jsonPath, ...(refs ? { references: refs } : {}) };
}

function holdsUnknown(value: unknown): boolean {
  if (value === UNKNOWN || value === REDACTED) return true;
  if (Array.isArray(value)) return value.some(holdsUnknown);
  if (isObject(value)) return Object.values(value).some(holdsUnknown);
  return false;
}

/** Lays `after_unknown` over `after`: `true` anywhere makes that value UNKNOWN. */
export function withUnknowns(after: unknown, unknown: unknown): unknown {
  if (unknown === true) return UNKNOWN;
  if (Array.isArray(unknown)) {
    const list = Array.isArray(after) ? [...after] : [];
    unknown.forEach((inner, index) => {
      const merged = withUnknowns(list[index], inner);
      if (merged !== undefined) list[index] = merged;
    });
    return list;
  }
  if (isObject(unknown)) {
    const object: Record<string, unknown> = isObject(after) ? { ...after } : {};
    for (const [key, inner] of Object.entries(unknown)) {
      const merged = withUnknowns(object[key], inner);
      if (merged !== undefined) object[key] = merged;
    }
    return object;
  }
  return after;
}

/** `after_sensitive` laid over `after`: a sensitive value the plan does not carry is REDACTED. */
export function withRedactions(after: unknown, sensitive: unknown): unknown {
  if (sensitive === true) return after === undefined || after === null ? REDACTED : after;
  if (Array.isArray(sensitive) && Array.isArray(after)) {
    let copy: unknown[] | undefined;
    sensitive.forEach((inner, index) => {
      const marked = withRedactions(after[index], inner);
      if (marked !== after[index] && index < after.length) (copy ??= [...after])[index] = marked;
    });
    return copy ?? after;
  }
  if (isObject(sensitive) && isObject(after)) {
    let copy: Record<string, unknown> | undefined;
    for (const [key, inner] of Object.entries(sensitive)) {
      const marked = withRedactions(after[key], inner);
      if (marked !== after[key]) (copy ??= { ...after })[key] = marked;
    }
    return copy ?? after;
  }
  return after;
}

/**
 * `value` read against its configuration `expression` (see the file comment): an UNKNOWN the configuration
 * does not set is dropped (undefined), one it sets is kept.
 */
export function settle(value: unknown, expression: unknown): unknown {
  if (expression === undefined) return dropUnknowns(value);
  if (value === UNKNOWN || isAttributeExpression(expression)) return value;
  if (Array.isArray(value)) {
    const blocks = Array.isArray(expression) ? expression : [expression];
    return value.map((item, index) => settle(item, blocks[index] ?? blocks[0])).filter((item) => item !== undefined);
  }
  if (isObject(value)) {
    const block = Array.isArray(expression) ? expression[0] : expression;
    const settled: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const result = settle(inner, isObject(block) ? block[key] : undefined);
      if (result !== undefined) settled[key] = result;
    }
    return settled;
  }
  return value;
}

function dropUnknowns(value: unknown): unknown {
  if (value === UNKNOWN) return undefined;
  if (Array.isArray(value)) return value.map(dropUnknowns).filter((item) => item !== undefined);
  if (isObject(value)) {
    const kept: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const result = dropUnknowns(inner);
      if (result !== undefined) kept[key] = result;
    }
    return kept;
  }
  return value;
}

/** An argument's expression (`{ "constant_value": … }`, `{ "references": […] }`, `{}` for a computed one), not a block. */
function isAttributeExpression(expression: unknown): boolean {
  return isObject(expression) && Object.keys(expression).every((key) => key === 'constant_value' || key === 'references');
}

type ExpressionIndex = Map<string, Record<string, unknown>>;

/** From the plan's configuration, by address without instance keys: each resource's expressions. */
function configurationIndex(configuration: unknown): ExpressionIndex {
  const expressions: ExpressionIndex = new Map();
  const walk = (module: unknown, prefix: string) => {
    if (!isObject(module)) return;
    for (const entry of Array.isArray(module.resources) ? module.resources : []) {
      if (!isObject(entry) || typeof entry.address !== 'string' || entry.mode === 'data' || !isObject(entry.expressions)) continue;
      expressions.set(`${prefix}${entry.address}`, entry.expressions);
    }
    if (isObject(module.module_calls)) {
      for (const [name, call] of Object.entries(module.module_calls)) {
        if (isObject(call)) walk(call.module, `${prefix}module.${name}.`);
      }
    }
  };
  if (isObject(configuration)) walk(configuration.root_module, '');
  return expressions;
}

function collectReferences(expression: unknown): string[] {
  if (Array.isArray(expression)) return expression.flatMap(collectReferences);
  if (!isObject(expression)) return [];
  const own = Array.isArray(expression.references) ? expression.references.filter((r): r is string => typeof r === 'string') : [];
  const nested = Object.entries(expression).filter(([key]) => key !== 'references' && key !== 'constant_value').flatMap(([, value]) => collectReferences(value));
  return [...own, ...nested];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function pathText(segments: readonly PathSegment[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
