/**
 * Runs code that declares Jest tests (policySuite) with stand-ins for Jest's globals, then runs the declared
 * tests: what each would report ('pass', 'skipped', or the error message it fails with).
 */
export interface Collected {
  readonly describes: string[];
  readonly results: Array<[string, string]>;
}

export function collect(declare: () => void): Collected {
  const globals = globalThis as unknown as Record<string, unknown>;
  const saved = { describe: globals.describe, it: globals.it, beforeAll: globals.beforeAll };
  const describes: string[] = [];
  const tests: Array<{ name: string; fn: () => void }> = [];
  const befores: Array<() => void> = [];
  globals.describe = (name: string, body: () => void) => {
    describes.push(name);
    body();
  };
  const skipped = new Set<() => void>();
  globals.it = Object.assign((name: string, fn: () => void) => tests.push({ name, fn }), {
    skip: (name: string, fn: () => void) => {
      skipped.add(fn);
      tests.push({ name, fn });
    },
  });
  globals.beforeAll = (fn: () => void) => befores.push(fn);
  try {
    declare();
  } finally {
    Object.assign(globals, saved);
  }
  befores.forEach((fn) => fn());
  const results = tests.map(({ name, fn }): [string, string] => {
    if (skipped.has(fn)) return [name, 'skipped'];
    try {
      fn();
      return [name, 'pass'];
    } catch (error) {
      return [name, (error as Error).message];
    }
  });
  return { describes, results };
}
