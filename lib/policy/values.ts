import { REDACTED, StackInput, TerraformResource, UNKNOWN } from './model';

export type PathStep = string | number;

/** What a rule learns when it reads a value from a resource. */
export type ReadResult =
  | { readonly kind: 'value'; readonly value: unknown; readonly path: string }
  | { readonly kind: 'absent'; readonly path: string }
  /** Known only after apply or an unresolved `${...}` reference: a rule reports that it cannot verify. */
  | { readonly kind: 'unknown'; readonly reason: string; readonly path: string };

/**
 * Reads `steps` from a resource's values. Nested blocks appear as objects in cdk.tf.json and as
 * one-element lists in plans; a string step descends into the first element of a list so rules can
 * use one path for both. The returned path is the JSON path of the value in the file.
 */
export function read(resource: TerraformResource, ...steps: PathStep[]): ReadResult {
  return readPath(resource, steps);
}

/**
 * read() with the steps as one list. Every rule reads through here for every resource of every stack, mostly
 * before V8 has optimized it, where each step of a for-of loop allocates an iterator result: so an indexed loop.
 */
export function readPath(resource: TerraformResource, steps: readonly PathStep[]): ReadResult {
  let value: unknown = resource.values;
  let path = resource.jsonPath;
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index];
    const unknown = unknownReason(value);
    if (unknown) return { kind: 'unknown', reason: unknown, path };
    if (typeof step === 'string' && Array.isArray(value)) {
      if (value.length === 0) return { kind: 'absent', path };
      value = value[0];
      path += '[0]';
      // A block that may or may not exist (a dynamic block over an unresolved for_each) is itself unknown.
      const unknownBlock = unknownReason(value);
      if (unknownBlock) return { kind: 'unknown', reason: unknownBlock, path };
    }
    if (value === null || typeof value !== 'object') return { kind: 'absent', path };
    value = (value as Record<PathStep, unknown>)[step];
    path += typeof step === 'number' ? `[${step}]` : `.${step}`;
    if (value === undefined) return { kind: 'absent', path };
  }
  const unknown = unknownReason(value);
  if (unknown) return { kind: 'unknown', reason: unknown, path };
  return value === null ? { kind: 'absent', path } : { kind: 'value', value, path };
}

/**
 * Why a scalar value cannot be known, or undefined when it can. It does not look inside lists or
 * objects: read() checks each step it descends, and rules that take a whole list (tags, ranges) check
 * its elements themselves.
 */
export function unknownReason(value: unknown): string | undefined {
  if (value === UNKNOWN) return 'unknown until apply';
  if (value === REDACTED) return 'sensitive and redacted from the plan';
  if (typeof value === 'string' && value.includes('${')) return `unresolved reference ${value}`;
  return undefined;
}

/** Resources of one type (or any of several types). */
export function resourcesOf(stack: StackInput, ...types: string[]): TerraformResource[] {
  const byType = resourcesByType(stack.resources);
  if (types.length === 1) return [...(byType.get(types[0]) ?? [])];
  return stack.resources.filter((r) => types.includes(r.type));
}

/** The resources of one type, in stack order, as one shared list (not a copy, unlike resourcesOf): for lookups. */
export function resourcesOfType(stack: StackInput, type: string): readonly TerraformResource[] {
  return resourcesByType(stack.resources).get(type) ?? [];
}

/** A stack's resources by type, in stack order: every rule looks up a few types, of stacks that never change once read. */
function resourcesByType(resources: readonly TerraformResource[]): ReadonlyMap<string, readonly TerraformResource[]> {
  let byType = typeIndex.get(resources);
  if (!byType) {
    const index = new Map<string, TerraformResource[]>();
    for (let r = 0; r < resources.length; r++) {
      const resource = resources[r];
      const list = index.get(resource.type);
      if (list) list.push(resource);
      else index.set(resource.type, [resource]);
    }
    typeIndex.set(resources, (byType = index));
  }
  return byType;
}

const typeIndex = new WeakMap<readonly TerraformResource[], ReadonlyMap<string, readonly TerraformResource[]>>();

/** A list value as a list: a single object block becomes a one-element list; absent becomes empty. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
