import * as path from 'path';
import { App } from 'cdktf';
import { Catalog } from './architecture/catalog';
import { AksUnitStack } from './stacks/aks-unit-stack';
import { UnitStack } from './stacks/unit-stack';
import { loadUnitsFile, UnitConfig } from './stacks/units-file';
import { enforcePolicies } from './policy-enforcement';
import { formatDiagnostic, InputError } from './validation/diagnostic';

/**
 * The deployable app: one stack per unit of stacks/units.yaml. Kept in lib/ so that stacks/ never
 * imports cdktf directly (a later switch of CDK touches only lib/).
 */

export const DEFAULT_UNITS_FILE = 'stacks/units.yaml';

export interface BuildAppOptions {
  /**
   * The units file.
   * @default - $CXUNIT_UNITS, else stacks/units.yaml, relative to the working directory
   */
  readonly unitsFile?: string;
  /**
   * Where synth writes.
   * @default - $CDKTF_OUTDIR (set by `cdktf synth`), else cdktf.out
   */
  readonly outdir?: string;
  /** @default Catalog.default() */
  readonly catalog?: Catalog;
}

export function unitsFilePath(options: BuildAppOptions = {}): string {
  return path.resolve(options.unitsFile ?? process.env.CXUNIT_UNITS ?? DEFAULT_UNITS_FILE);
}

/**
 * Validates units.yaml completely, then builds the app (one UnitStack per unit) without synthesizing it.
 * Throws InputError before the App exists, so that a broken file writes nothing to the output directory.
 */
export function buildApp(options: BuildAppOptions = {}): App {
  const catalog = options.catalog ?? Catalog.default();
  const group = loadUnitsFile(unitsFilePath(options), { catalog });
  const app = new App(options.outdir !== undefined ? { outdir: options.outdir } : {});
  for (const unit of group.units) {
    const stack = unit.cloud === 'aks' ? new AksUnitStack(app, unit.name, { group, unit, catalog }) : new UnitStack(app, unit.name, { group, unit, catalog });
    registerStackPolicies(stack, unit);
  }
  return app;
}

/**
 * Every rule pack runs on each unit's stack at synth time: an unsuppressed error finding becomes an error
 * annotation naming the rule, the resource and the fix, and `cdktf synth` fails.
 */
export function registerStackPolicies(stack: UnitStack | AksUnitStack, _unit: UnitConfig): void {
  enforcePolicies(stack);
}

/** `cdktf synth`'s entry point: on a config error, every diagnostic on stderr, exit code 2, nothing written. */
export function synthesizeApp(options: BuildAppOptions = {}): void {
  let app: App;
  try {
    app = buildApp(options);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    process.stderr.write(`${error.diagnostics.map(formatDiagnostic).join('\n')}\n`);
    process.exitCode = 2;
    return;
  }
  app.synth();
}
