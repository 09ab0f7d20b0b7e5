/**
 * The few Terraform expressions the engine evaluates itself: references to a resource's own instance
 * (`count.index`, `each.key`, `each.value`, a dynamic block's `<iterator>.key` / `.value`), attribute and
 * index access on them, and `lookup(<that>, "key", default)`. Everything else stays an unresolved
 * `${...}` reference, which rules report as cannot-verify.
 */

/** Names bound for one instance: `count.index`, `each.key`, `each.value`, `<iterator>.key`, `<iterator>.value`. */
export type Bindings = ReadonlyMap<string, unknown>;

const NO_VALUE = Symbol('no-value');
type Resolved = unknown | typeof NO_VALUE;

/** `list` with `map` applied to each item; the same list when no item changed (copy on write). */
export function mapList(list: readonly unknown[], map: (item: unknown) => unknown): readonly unknown[] {
  let copy: unknown[] | undefined;
  list.forEach((item, index) => {
    const mapped = map(item);
    if (mapped !== item) (copy ??= [...list])[index] = mapped;
  });
  return copy ?? list;
}

const INTERPOLATION = /\$\{([^{}]*)\}/g;

/** `value` with every resolvable interpolation replaced; the same reference when nothing changed. */
export function substitute(value: unknown, bindings: Bindings): unknown {
  if (typeof value === 'string') return substituteString(value, bindings);
  if (Array.isArray(value)) return mapList(value, (item) => substitute(item, bindings));
  if (value !== null && typeof value === 'object') {
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const replaced = substitute(item, bindings);
      if (replaced !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = replaced;
    }
    return copy ?? value;
  }
  return value;
}

function substituteString(text: string, bindings: Bindings): unknown {
  if (!text.includes('${')) return text;
  const whole = /^\$\{([^{}]*)\}$/.exec(text);
  if (whole) {
    const resolved = resolve(whole[1], bindings);
    return resolved === NO_VALUE ? text : resolved;
  }
  return text.replace(INTERPOLATION, (match, expression: string) => {
    const resolved = resolve(expression, bindings);
    return resolved === NO_VALUE || (resolved !== null && typeof resolved === 'object') ? match : String(resolved);
  });
}

const ACCESS = /^(?:\.([A-Za-z_][\w-]*)|\[(\d+)\]|\["([^"]*)"\])/;
const LOOKUP = /^lookup\(\s*([^,]+?)\s*,\s*"([^"]*)"\s*(?:,\s*(.+?)\s*)?\)$/;

function resolve(expression: string, bindings: Bindings): Resolved {
  const text = expression.trim();
  const lookup = LOOKUP.exec(text);
  if (lookup) {
    const map = resolve(lookup[1], bindings);
    if (map === NO_VALUE || map === null || typeof map !== 'object' || Array.isArray(map)) return NO_VALUE;
    const found = (map as Record<string, unknown>)[lookup[2]];
    if (found !== undefined) return found;
    return lookup[3] === undefined ? NO_VALUE : literal(lookup[3]);
  }
  for (const [name, bound] of bindings) {
    if (!text.startsWith(name)) continue;
    let rest = text.slice(name.length);
    let value: unknown = bound;
    while (rest.length > 0) {
      const step = ACCESS.exec(rest);
      if (!step || value === null || typeof value !== 'object') return NO_VALUE;
      const key = step[1] ?? step[3] ?? Number(step[2]);
      value = (value as Record<string | number, unknown>)[key];
      if (value === undefined) return NO_VALUE;
      rest = rest.slice(step[0].length);
    }
    return value;
  }
  return NO_VALUE;
}

/** A literal default in `lookup(…, "key", <default>)`: a string, number, bool or null. */
function literal(text: string): Resolved {
  try {
    const value: unknown = JSON.parse(text);
    return value === null || typeof value !== 'object' ? value : NO_VALUE;
  } catch {
    return NO_VALUE;
  }
}

/** Whether a value holds a `${...}` the engine could not resolve (anywhere inside it). */
export function holdsReference(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('${');
  if (Array.isArray(value)) return value.some(holdsReference);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsReference);
  return false;
}
