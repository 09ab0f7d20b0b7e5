import * as path from 'path';
import { Catalog } from '../../lib/architecture/catalog';
import { evaluatePolicies } from '../../lib/policy/engine';
import { asStackInput } from '../../lib/testing/matchers';
import { synthesizeUnitsApp } from '../../lib/testing/synth';
import { ALL_RULES } from '../../policies';
import { ROOT } from '../helpers/cli';

/** `check --catalog DIR` reaches every rule only if no rule reads the built-in catalog behind the engine's back. */
describe('the evaluation context', () => {
  it('is the only catalog the rules read', () => {
    // the shipped units.yaml: GKE and AKS units, one with egress lockdown, so that every rule reaches its catalog reads
    const stacks = Object.entries(synthesizeUnitsApp({ unitsFile: path.join(ROOT, 'stacks/units.yaml') }))
      .map(([name, json]) => ({ ...asStackInput(json), stack: name }));
    const catalog = Catalog.default();
    const builtIn = jest.spyOn(Catalog, 'default').mockImplementation(() => {
      throw new Error('a rule read Catalog.default() instead of context.catalog');
    });
    try {
      const findings = evaluatePolicies(stacks, ALL_RULES, { catalog }).findings;
      expect(findings.filter((f) => f.internalError).map((f) => [f.ruleId, f.message])).toEqual([]);
      expect(builtIn).not.toHaveBeenCalled();
    } finally {
      builtIn.mockRestore();
    }
  });
});
