import { formatPath, PathSegment } from '../validation/diagnostic';
import { Bindings, holdsReference, substitute } from './expressions';
import { TerraformResource, Unreadable } from './model';

/**
 * Terraform's JSON configuration syntax (a cdk.tf.json or any `*.tf.json`), read into resources in one
 * normalization step, before any rule reads a value:
 * - at every label level (`resource`, its types, their names) an object, or a list of objects that
 *   Terraform merges;
 * - a block body as an object or a list of objects (several bodies under one name are several resources;
 *   nested blocks keep either form, which `read()` accepts);
 * - `count` and `for_each` expanded to instances (`type.name[0]`, `type.name["key"]`) with `count.index`,
 *   `each.key` and `each.value` substituted; a count or for_each that is not literal is reported;
 * - `dynamic` blocks: their `content` becomes blocks of that name, one per element of a literal
 *   `for_each`, with the iterator substituted; a `for_each` that is not literal (`var.private ? [1] : []`)
 *   may yield no block or several, so the block is that unresolved expression and reads through it are
 *   cannot-verify;
 * - `"//"` comments dropped from nested bodies (a resource's own `"//"` is its metadata);
 * - `module` calls reported: cxunit does not read module sources, so what they create is unreadable.
 * A document whose top-level keys are not Terraform's is not a configuration: a shape problem.
 */

export type ReportProblem = (segments: readonly PathSegment[], message: string) => void;

export interface Configuration {
  readonly resources: TerraformResource[];
  readonly unreadable: Unreadable[];
}

/** Terraform's top-level block types in JSON syntax, and `"//"`. */
const TOP_LEVEL = new Set(['resource', 'data', 'module', 'provider', 'terraform', 'variable', 'output', 'locals', 'moved', 'import', 'check', 'removed', 'ephemeral', '//']);

export function readConfiguration(document: Record<string, unknown>, report: ReportProblem): Configuration {
  const configuration: Configuration = { resources: [], unreadable: [] };
  const foreign = Object.keys(document).filter((key) => !TOP_LEVEL.has(key));
  if (foreign.length > 0) {
    const others = foreign.length > 1 ? ` (nor ${foreign.length - 1} other key${foreign.length > 2 ? 's' : ''})` : '';
    report([foreign[0]], `not Terraform JSON: "${foreign[0]}" is not a Terraform top-level block${others}; a cdk.tf.json or *.tf.json has only `
      + 'resource, data, module, provider, terraform, variable, output and locals, and a plan has planned_values or resource_changes: check that this is the right file');
    return configuration;
  }
  // A top-level "//" is a comment to Terraform (any value); CDKTF puts its metadata there as an object.
  // Plain, indexed loops over label and body lists: every stack of an estate goes through here before the code is
  // optimized, where each step of a for-of allocates.
  if (document.resource !== undefined) {
    const types = labels(document.resource, ['resource'], report, 'resource type', '"resource": { "<type>": { "<name>": { ... } } }');
    for (let t = 0; t < types.length; t++) {
      const byType = types[t];
      const names = labels(byType.value, byType.at, report, 'resource name', `"${byType.label}": { "<name>": { ... } }`);
      for (let n = 0; n < names.length; n++) {
        const bodies = blockBodies(names[n].value, names[n].at, report, `the resource's arguments`);
        for (let b = 0; b < bodies.length; b++) readResource(byType.label, names[n].label, bodies[b].body, bodies[b].at, configuration);
      }
    }
  }
  if (document.data !== undefined) {
    for (const byType of labels(document.data, ['data'], report, 'data source type', '"data": { "<type>": { "<name>": { ... } } }')) {
      // Data sources are read for their shape only: no rule checks what a stack merely looks up.
      for (const byName of labels(byType.value, byType.at, report, 'data source name', `"${byType.label}": { "<name>": { ... } }`)) blockBodies(byName.value, byName.at, report, `the data source's arguments`);
    }
  }
  if (document.module !== undefined) {
    for (const byName of labels(document.module, ['module'], report, 'module name', '"module": { "<name>": { "source": "...", ... } }')) {
      for (const body of blockBodies(byName.value, byName.at, report, 'the module\'s arguments')) configuration.unreadable.push(moduleCall(byName.label, body.body, body.at));
    }
  }
  return configuration;
}

/** One entry of a label level: the label, what is under it, and its path. */
interface Labelled {
  readonly label: string;
  readonly value: unknown;
  readonly at: PathSegment[];
}

/** One block body and its path. */
interface BlockBody {
  readonly body: Record<string, unknown>;
  readonly at: PathSegment[];
}

/** The entries of a label level: an object, or a list of objects merged in order. */
function labels(value: unknown, at: readonly PathSegment[], report: ReportProblem, what: string, fix: string, into: Labelled[] = []): Labelled[] {
  if (isObject(value)) {
    for (const label in value) {
      if (label !== '//') into.push({ label, value: value[label], at: [...at, label] });
    }
  } else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      if (isObject(value[index])) labels(value[index], [...at, index], report, what, fix, into);
      else report([...at, index], `must be an object keyed by ${what}, found ${kindOf(value[index])}: write ${fix}`);
    }
  } else {
    report(at, `must be an object keyed by ${what} (or a list of such objects), found ${kindOf(value)}: write ${fix}`);
  }
  return into;
}

/** A block's bodies: one object, or a list of objects (several blocks with the same labels). */
function blockBodies(value: unknown, at: readonly PathSegment[], report: ReportProblem, what: string): BlockBody[] {
  if (isObject(value)) return [{ body: value, at: [...at] }];
  if (Array.isArray(value) && value.length > 0) {
    const bodies: BlockBody[] = [];
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (isObject(item)) bodies.push({ body: item, at: [...at, index] });
      else report([...at, index], `must be an object of ${what}, found ${kindOf(item)}: write { ... }`);
    }
    return bodies;
  }
  report(at, `must be an object of ${what} (or a list of such objects), found ${kindOf(value)}: write "${String(at[at.length - 1])}": { ... }`);
  return [];
}

function readResource(type: string, name: string, body: Record<string, unknown>, at: PathSegment[], configuration: Configuration): void {
  const jsonPath = formatPath(at);
  const base = `${type}.${name}`;
  const metadata = isObject(body['//']) ? body['//'] : undefined;
  const add = (address: string, bindings: Bindings | undefined) => {
    const values = normalizeBody(body, bindings);
    configuration.resources.push({ type, name, address, values, jsonPath, ...(metadata ? { metadata } : {}) });
  };
  const unknownInstances = (argument: 'count' | 'for_each', value: unknown) => {
    configuration.unreadable.push({
      address: base,
      path: formatPath([...at, argument]),
      message: `cannot verify how many ${base} exist: ${argument} is ${describe(value)}, which cxunit cannot evaluate; `
        + 'the rules check it once, as written: use a literal value, or check the plan ("terraform show -json") where instances are expanded',
    });
    add(base, undefined);
  };

  if (body.count !== undefined && body.count !== null) {
    const count = typeof body.count === 'number' ? body.count : typeof body.count === 'string' && /^\d+$/.test(body.count) ? Number(body.count) : undefined;
    if (count === undefined) return unknownInstances('count', body.count);
    for (let index = 0; index < count; index++) add(`${base}[${index}]`, new Map([['count.index', index]]));
    return;
  }
  if (body.for_each !== undefined && body.for_each !== null) {
    const instances = literalInstances(body.for_each);
    if (!instances) return unknownInstances('for_each', body.for_each);
    for (const [key, value] of instances) add(`${base}[${JSON.stringify(key)}]`, new Map([['each.key', key], ['each.value', value]]));
    return;
  }
  add(base, undefined);
}

/** A literal for_each (a map, or a set of strings) as key → value; undefined when it holds references. */
function literalInstances(forEach: unknown): [string, unknown][] | undefined {
  if (isObject(forEach)) return Object.entries(forEach).filter(([key]) => key !== '//');
  if (Array.isArray(forEach) && forEach.every((item) => typeof item === 'string' && !item.includes('${'))) return (forEach as string[]).map((key) => [key, key]);
  return undefined;
}

/**
 * A block body with dynamic blocks expanded, nested comments dropped and `bindings` substituted; the
 * same object when none of that changes anything (cdk.tf.json from CDKTF is read without copying).
 */
function normalizeBody(body: Record<string, unknown>, bindings: Bindings | undefined, nested = false): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key in body) {
    const value = body[key];
    if (key === '//') {
      if (nested) delete (copy ??= { ...body })[key];
      continue;
    }
    if (key === 'dynamic' && value !== null && typeof value === 'object') {
      delete (copy ??= { ...body })[key];
      continue;
    }
    const normalized = normalizeValue(value, bindings);
    if (normalized !== value) (copy ??= { ...body })[key] = normalized;
  }
  if (isObject(body.dynamic) || Array.isArray(body.dynamic)) {
    const target = (copy ??= { ...body });
    for (const [blockType, bodies] of dynamicLabels(body.dynamic)) {
      const generated = dynamicBlocks(blockType, bodies, bindings);
      const existing = target[blockType];
      target[blockType] = [...(existing === undefined || existing === null ? [] : Array.isArray(existing) ? existing : [existing]), ...generated];
    }
  }
  return copy ?? body;
}

function normalizeValue(value: unknown, bindings: Bindings | undefined): unknown {
  if (value === null || typeof value !== 'object') return bindings && typeof value === 'string' ? substitute(value, bindings) : value;
  if (!Array.isArray(value)) return normalizeBody(value as Record<string, unknown>, bindings, true);
  let copy: unknown[] | undefined;
  for (let index = 0; index < value.length; index++) {
    const normalized = normalizeValue(value[index], bindings);
    if (normalized !== value[index]) (copy ??= [...value])[index] = normalized;
  }
  return copy ?? value;
}

function dynamicLabels(value: unknown): [string, unknown][] {
  if (isObject(value)) return Object.entries(value).filter(([key]) => key !== '//');
  return Array.isArray(value) ? value.filter(isObject).flatMap(dynamicLabels) : [];
}

/** The blocks one `dynamic "<type>"` produces (see the file comment). */
function dynamicBlocks(blockType: string, bodies: unknown, outer: Bindings | undefined): unknown[] {
  const blocks: unknown[] = [];
  for (const spec of Array.isArray(bodies) ? bodies.filter(isObject) : isObject(bodies) ? [bodies] : []) {
    const iterator = typeof spec.iterator === 'string' ? spec.iterator : undefined;
    const contents = Array.isArray(spec.content) ? spec.content.filter(isObject) : isObject(spec.content) ? [spec.content] : [];
    const forEach = outer ? substitute(spec.for_each, outer) : spec.for_each;
    const elements = Array.isArray(forEach) && !forEach.some((item) => typeof item === 'string' && item.includes('${'))
      ? forEach.map((item, index): [unknown, unknown] => [index, item])
      : isObject(forEach) ? Object.entries(forEach) : undefined;
    if (!elements) {
      // How many blocks the expression yields (none, one, several: `var.private ? [1] : []`) is known only at
      // plan time, so the block stands as that unresolved expression: every read through it is cannot-verify.
      if (contents.length > 0) blocks.push(typeof forEach === 'string' && holdsReference(forEach) ? forEach : `\${${JSON.stringify(forEach)}}`);
      continue;
    }
    for (const content of contents) {
      for (const [key, value] of elements) {
        // Terraform names the iterator after the block type unless `iterator` says otherwise.
        const name = iterator ?? blockType;
        const names = new Map([...(outer ?? []), [`${name}.key`, key], [`${name}.value`, value]]);
        blocks.push(normalizeBody(content, names, true));
      }
    }
  }
  return blocks;
}

/**
 * What a module call may hide, from its source: cxunit reads no module sources (the registry and Git
 * are out of reach in CI), so one cannot-verify finding per call names the rules it may escape.
 */
const MODULE_CONTENTS: readonly (readonly [RegExp, string])[] = [
  [/kubernetes-engine|\bgke\b|gke[-_]|[-_/]gke|container[-_]cluster|node[-_]pool/i, 'a GKE cluster and its node pools (the gke rules) and Kubernetes objects (the kubernetes rules)'],
  [/kubernetes|k8s|helm/i, 'Kubernetes objects (the kubernetes rules)'],
  [/network|vpc|firewall|subnet/i, 'networks and firewall rules (the network rules)'],
];

function moduleCall(name: string, body: Record<string, unknown>, at: PathSegment[]): Unreadable {
  const source = typeof body.source === 'string' ? body.source : undefined;
  const hides = MODULE_CONTENTS.find(([pattern]) => source !== undefined && pattern.test(source))?.[1] ?? 'resources of any kind (every rule)';
  return {
    address: `module.${name}`,
    path: formatPath(source !== undefined ? [...at, 'source'] : at),
    message: `cannot verify what module.${name} creates${source !== undefined ? ` (source ${JSON.stringify(source)})` : ''}: cxunit does not read module sources, `
      + `so it may hide ${hides}; check the plan instead ("terraform show -json" lists the module's resources), or suppress this finding with a reason`,
  };
}

function describe(value: unknown): string {
  if (typeof value === 'string' && value.includes('${')) return `an unresolved reference (${value})`;
  return kindOf(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
