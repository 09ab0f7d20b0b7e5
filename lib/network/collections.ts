/** A shallow copy without some keys (a typed `const { a, ...rest } = value` that lint accepts). */
export function omit<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  // Built up rather than copied and deleted from: `delete` turns an object into a slow dictionary, and the
  // flow analysis reads these objects (access rules, flows) in its inner loops.
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) if (!(keys as readonly string[]).includes(key)) copy[key] = (value as Record<string, unknown>)[key];
  return copy as Omit<T, K>;
}

/** Adds a value to the list under a key (without copying the list). */
export function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Orders strings by UTF-16 code units: a stable order for identifiers and addresses, without the ICU
 * collator that the first localeCompare() creates (about 6 ms of every start).
 */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
