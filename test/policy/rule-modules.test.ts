import * as path from 'path';
import { evaluatePolicies } from '../../lib/policy/engine';
import { Rule } from '../../lib/policy/model';
import { policySuite, synthesizeWithPolicies } from '../../lib/testing/policy';
import { synthesizeGkeUnit, TerraformJson } from '../../lib/testing/synth';
import { AKS_RULES } from '../../policies';
import { PRIMARY } from '../gke/example-props';
import { ROOT } from '../helpers/cli';
import { collect } from '../helpers/jest-suite';

/** A team's rules module in Jest (policySuite) and at synth (enforcePolicies), as `check --rules-module` runs it. */

const MODULES = path.join(ROOT, 'test/fixtures/rules-modules');

let unit: TerraformJson;
beforeAll(() => {
  unit = synthesizeGkeUnit(PRIMARY);
});

describe('rulesModules', () => {
  it('adds the module\'s rules to policySuite, each a test of its own', () => {
    const { results } = collect(() => policySuite({ usw1: unit }, { rulesModules: [path.join(MODULES, 'acme-rules.js')] }));
    const acme = results.filter(([name]) => name.startsWith('acme.'));
    expect(acme).toEqual([
      ['acme.team-label: Clusters carry a team label', 'acme.team-label has 1 finding on stack usw1:\n'
        + `  - google_container_cluster.${Object.keys(unit.resource.google_container_cluster)[0]} (resource.google_container_cluster.${Object.keys(unit.resource.google_container_cluster)[0]}.resource_labels): `
        + 'the cluster has no "team" resource label: add resource_labels.team\nfix: Set resource_labels.team on the cluster to the owning team.'],
      ['acme.priority-class-count: The stack declares as many priority classes as the catalog has', 'pass'],
    ]);
    expect(results.filter(([, outcome]) => outcome !== 'pass' && outcome !== 'skipped').map(([name]) => name.split(':')[0])).toEqual(['acme.team-label']);
    // the aks rules have nothing to check in a GKE unit; a custom rule without notApplicable always applies
    expect(results.filter(([, outcome]) => outcome === 'skipped').map(([name]) => name.split(':')[0])).toEqual(AKS_RULES.map((rule) => rule.id));
  });

  it('fails synthesis on the module\'s error findings', () => {
    const { errors } = synthesizeWithPolicies({ name: 'usw1', metadata: unit['//'].cxunit, resources: unit.resource }, { rulesModules: [path.join(MODULES, 'acme-rules.js')] });
    expect(errors.map((line) => /^\[[^\]]*\] \[([^\]]+)\]/.exec(line)![1])).toEqual(['acme.team-label']);
  });

  it('refuses a module that is not valid, naming the file and the fix', () => {
    const file = path.join(MODULES, 'incomplete.js');
    const expected = `${file}: rules[0] (acme.half): is missing rationale, reference, remediation, suppressible, evaluate: every rule needs id, pack, title, severity, rationale, reference, remediation, suppressible and evaluate\n`
      + `${file}: rules[1] (acme.fatal).severity: "fatal" is not a severity: use "error" or "warning"\n`
      + `${file}: rules[2] (acme.always).notApplicable: must be a function (stack) returning why the rule does not apply to it, or undefined`;
    expect(() => collect(() => policySuite({ usw1: unit }, { rulesModules: [file] }))).toThrow(expected);
    expect(() => synthesizeWithPolicies({ name: 'usw1', resources: {} }, { rulesModules: [file] })).toThrow(expected);
  });

  it('reports a custom rule that throws as a bug in that rule, not in cxunit', () => {
    const throwing: Rule = {
      id: 'acme.throws', pack: 'acme', title: 'Throws', severity: 'warning', rationale: 'a probe', reference: { document: 'Acme platform handbook', section: 'Probes' },
      remediation: 'none', suppressible: true, evaluate: () => { throw new Error('labels is undefined'); },
    };
    const [finding] = evaluatePolicies([{ stack: 'usw1', file: 'cdk.tf.json', format: 'cdktf', resources: [] }], [throwing]).findings;
    expect(finding).toMatchObject({ ruleId: 'acme.throws', severity: 'error', internalError: true,
      message: 'internal error: rule acme.throws failed on this stack (labels is undefined); the stack was not checked by this rule. This is a bug in the rule: report it to its authors with the stack file' });
  });

  it('honours suppress() of a custom rule on its resource, in a pack of the team\'s own only', () => {
    const cluster = Object.keys(unit.resource.google_container_cluster)[0];
    const raw = { name: 'usw1', metadata: unit['//'].cxunit, resources: unit.resource };
    const suppressed = synthesizeWithPolicies({ ...raw, suppressions: [{ type: 'google_container_cluster', name: cluster, ruleId: 'acme.team-label', reason: 'labels arrive with the billing migration (FIN-77)' }] },
      { rulesModules: [path.join(MODULES, 'acme-rules.js')] });
    expect(suppressed.errors).toEqual([]);
    expect(() => synthesizeWithPolicies({ ...raw, suppressions: [{ type: 'google_container_cluster', name: cluster, ruleId: 'gke.team-label', reason: 'labels arrive with the billing migration (FIN-77)' }] }))
      .toThrow(/^cannot suppress unknown rule "gke\.team-label" on google_container_cluster usw1\/[^:]+: use one of gke\.no-autopilot, .*, or a rule of your own pack$/);
  });
});
