import * as fs from 'fs';
import * as path from 'path';
import { PROVIDER_DEFAULTS, providerDefaultsDoc } from '../../lib/gcp/provider-defaults';
import { stackFromCdktfJson } from '../../lib/policy/cdktf-json';
import { ruleById } from '../../policies';

/**
 * The provider-defaults table against the rules it documents: starting from a unit that passes every gke
 * rule, unsetting one attribute must make the rule fail exactly when the table says the default fails.
 */

const ROOT = path.resolve(__dirname, '../..');
const FULL_UNIT = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/policy/gke/full-unit.json'), 'utf8')) as { resource: Record<string, Record<string, Record<string, unknown>>> };

/** The unit with `attribute` removed from every resource of `type` (and from the cluster's default pool for node settings). */
function without(type: string, attribute: string): Record<string, unknown> {
  const document = structuredClone(FULL_UNIT);
  const steps = attribute.split('.');
  for (const values of Object.values(document.resource[type] ?? {})) {
    let parent: Record<string, unknown> | undefined = values;
    for (const step of steps.slice(0, -1)) parent = parent?.[step] as Record<string, unknown> | undefined;
    if (parent) delete parent[steps[steps.length - 1]];
  }
  return document;
}

describe('provider defaults', () => {
  it('documents every default in docs/provider-defaults.md, as generated', () => {
    expect(fs.readFileSync(path.join(ROOT, 'docs/provider-defaults.md'), 'utf8')).toBe(`${providerDefaultsDoc()}\n`);
  });

  const baseline = stackFromCdktfJson(FULL_UNIT, 'full-unit.json', 'full-unit');

  it.each(PROVIDER_DEFAULTS.map((d) => [d.rule, d.resource, d.attribute, d.passes] as const))('%s: %s %s unset passes = %s', (ruleId, resource, attribute, passes) => {
    const rule = ruleById(ruleId)!;
    expect(rule).toBeDefined();
    expect(rule.evaluate(baseline)).toEqual([]);
    const unset = rule.evaluate(stackFromCdktfJson(without(resource, attribute), 'full-unit.json', 'full-unit'));
    if (passes) expect(unset).toEqual([]);
    else expect(unset.length).toBeGreaterThan(0);
  });
});
