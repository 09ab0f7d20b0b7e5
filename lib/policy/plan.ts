import { PathSegment } from '../validation/diagnostic';
import type { Companion, ReportShape } from './inputs';
import { StackInput, TerraformResource, UNKNOWN } from './model';

/**
 * A stack from `terraform show -json <plan>`: the resources as they will be after apply. Values come
 * from `resource_changes[].change.after` with `after_unknown` laid over them (a value known only after
 * apply is UNKNOWN, never absent), falling back to `planned_values` for resources without a change
 * entry. Data sources and resources being destroyed are left out.
 */
export function stackFromPlan(document: Record<string, unknown>, file: string, stack: string, report: ReportShape, companion?: Companion): StackInput {
  const resources = new Map<string, TerraformResource>();
  const references = configurationReferences(document.configuration);

  const planned = document.planned_values;
  if (planned !== undefined) {
    if (!isObject(planned)) report(['planned_values'], `must be an object, found ${kind(planned)}: is this "terraform show -json" output?`);
    else if (planned.root_module !== undefined) readModule(planned.root_module, ['planned_values', 'root_module'], resources, report, references);
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
      if (actions.length === 1 && actions[0] === 'delete') {
        resources.delete(shape.address);
        return;
      }
      const after = body.after;
      if (after !== null && after !== undefined && !isObject(after)) return report([...at, 'change', 'after'], `must be an object or null, found ${kind(after)}: is this "terraform show -json" output?`);
      const values = withUnknowns(after ?? {}, body.after_unknown) as Record<string, unknown>;
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

function readModule(module: unknown, at: PathSegment[], resources: Map<string, TerraformResource>, report: ReportShape, references: ReferenceIndex): void {
  if (!isObject(module)) return report(at, `must be an object with "resources" and "child_modules", found ${kind(module)}: is this "terraform show -json" output?`);
  const list = module.resources;
  if (list !== undefined && !Array.isArray(list)) report([...at, 'resources'], `must be a list, found ${kind(list)}: is this "terraform show -json" output?`);
  if (Array.isArray(list)) {
    list.forEach((entry, index) => {
      const entryAt = [...at, 'resources', index];
      if (!isObject(entry)) return report(entryAt, `must be an object, found ${kind(entry)}: each resource is an object with "address", "type" and "values"`);
      const shape = resourceShape(entry, entryAt, report, ['address', 'type', 'name']);
      if (!shape || entry.mode === 'data') return;
      const values = entry.values;
      if (values !== undefined && values !== null && !isObject(values)) return report([...entryAt, 'values'], `must be an object, found ${kind(values)}: is this "terraform show -json" output?`);
      resources.set(shape.address, resource(shape, (values ?? {}) as Record<string, unknown>, `${pathText(entryAt)}.values`, references));
    });
  }
  const children = module.child_modules;
  if (children !== undefined && !Array.isArray(children)) report([...at, 'child_modules'], `must be a list, found ${kind(children)}: is this "terraform show -json" output?`);
  if (Array.isArray(children)) children.forEach((child, index) => readModule(child, [...at, 'child_modules', index], resources, report, references));
}

function resource(shape: ResourceShape, values: Record<string, unknown>, jsonPath: string, references: ReferenceIndex): TerraformResource {
  const refs = references.get(shape.address.replace(/\[[^\]]*\]/g, ''));
  return { type: shape.type, name: shape.name, address: shape.address, values, jsonPath, ...(refs ? { references: refs } : {}) };
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

type ReferenceIndex = Map<string, Record<string, string[]>>;

/** Address (without instance keys) → argument → what its expression refers to, from the plan's configuration. */
function configurationReferences(configuration: unknown): ReferenceIndex {
  const index: ReferenceIndex = new Map();
  const walk = (module: unknown, prefix: string) => {
    if (!isObject(module)) return;
    for (const entry of Array.isArray(module.resources) ? module.resources : []) {
      if (!isObject(entry) || typeof entry.address !== 'string' || entry.mode === 'data' || !isObject(entry.expressions)) continue;
      const byArgument: Record<string, string[]> = {};
      for (const [argument, expression] of Object.entries(entry.expressions)) {
        const found = collectReferences(expression);
        if (found.length > 0) byArgument[argument] = found;
      }
      index.set(`${prefix}${entry.address}`, byArgument);
    }
    if (isObject(module.module_calls)) {
      for (const [name, call] of Object.entries(module.module_calls)) {
        if (isObject(call)) walk(call.module, `${prefix}module.${name}.`);
      }
    }
  };
  if (isObject(configuration)) walk(configuration.root_module, '');
  return index;
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
