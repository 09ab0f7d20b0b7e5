import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { policyMatchers } from '../../lib/testing/matchers';
import { policySuite, synthesizeWithPolicies } from '../../lib/testing/policy';
import { synthesizeGkeUnit, TerraformJson } from '../../lib/testing/synth';
import { ALL_RULES } from '../../policies';
import { PRIMARY } from '../gke/example-props';
import { cxunit } from '../helpers/cli';
import { collect } from '../helpers/jest-suite';

/**
 * One severity contract, three ways: synth (enforcePolicies), Jest (policySuite and toPassPolicy) and
 * `cxunit check` (a real subprocess) see the same stacks and must agree on what is reported and what fails,
 * at failOn 'error' (the default: warnings are reported and pass) and at failOn 'warning'.
 *
 * The stacks are the example unit (test/gke/example-props.ts) as GkeUnit builds it, and two edits of it:
 * - only a warning: a node pool on Ubuntu. 003 "GKE > Notes on what is supported": "Genesys recommends
 *   using the Container-Optimized OS with ContainerD for Linux nodes", a recommendation (gke.cos-containerd, warning);
 * - an error: Autopilot on. 003 "GKE > Not supported" lists GKE Autopilot (gke.no-autopilot, error).
 */

type FailOn = 'error' | 'warning';
type Case = 'nothing' | 'only a warning' | 'an error';

/** What each way must report (every unsuppressed finding's rule) and fail on, written from the documents above. */
const EXPECTED: Record<Case, Record<FailOn, { reported: string[]; failing: string[] }>> = {
  'nothing': {
    error: { reported: [], failing: [] },
    warning: { reported: [], failing: [] },
  },
  'only a warning': {
    error: { reported: ['gke.cos-containerd'], failing: [] },
    warning: { reported: ['gke.cos-containerd'], failing: ['gke.cos-containerd'] },
  },
  'an error': {
    error: { reported: ['gke.no-autopilot'], failing: ['gke.no-autopilot'] },
    warning: { reported: ['gke.no-autopilot'], failing: ['gke.no-autopilot'] },
  },
};

interface Outcome {
  readonly reported: string[];
  readonly failing: string[];
}

const unique = (ids: readonly string[]) => [...new Set(ids)].sort();

let work: string;
const stacks = {} as Record<Case, TerraformJson>;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-severity-'));
  const unit = synthesizeGkeUnit(PRIMARY);
  const copy = () => JSON.parse(JSON.stringify(unit)) as TerraformJson;
  stacks.nothing = unit;
  stacks['only a warning'] = copy();
  const pools = stacks['only a warning'].resource.google_container_node_pool;
  pools[Object.keys(pools)[0]].node_config.image_type = 'UBUNTU_CONTAINERD';
  stacks['an error'] = copy();
  const clusters = stacks['an error'].resource.google_container_cluster;
  clusters[Object.keys(clusters)[0]].enable_autopilot = true;
  for (const [name, json] of Object.entries(stacks)) {
    const dir = path.join(work, name.replace(/ /g, '-'), 'usw1');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(json, null, 2));
  }
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/** `cxunit check --format github`: ::error for what fails, ::warning for what is only reported; exit 1 iff something fails. */
function viaCli(name: Case, failOn: FailOn): Outcome {
  const result = cxunit(['check', path.join(work, name.replace(/ /g, '-'), 'usw1'), '--format', 'github', '--fail-on', failOn]);
  const annotations = result.stdout.split('\n').filter((line) => line.startsWith('::'))
    .map((line) => ({ command: line.slice(2, line.indexOf(' ')), ruleId: /title=([^ ]+) /.exec(line)![1] }));
  const outcome = { reported: unique(annotations.map((a) => a.ruleId)), failing: unique(annotations.filter((a) => a.command === 'error').map((a) => a.ruleId)) };
  expect(result.stderr).toBe('');
  expect(result.status).toBe(outcome.failing.length > 0 ? 1 : 0);
  return outcome;
}

/** enforcePolicies: error annotations fail synthesis, warning annotations are reported. */
function viaSynth(name: Case, failOn: FailOn): Outcome {
  const json = stacks[name];
  const { errors, warnings } = synthesizeWithPolicies({ name: 'usw1', metadata: json['//'].cxunit, resources: json.resource }, { failOn });
  const ruleOf = (line: string) => /^\[[^\]]*\] \[([^\]]+)\]/.exec(line)![1];
  return { reported: unique([...errors, ...warnings].map(ruleOf)), failing: unique(errors.map(ruleOf)) };
}

/** policySuite: a rule's test fails with what fails; a warning below failOn is named in the passing test's title. */
function viaPolicySuite(name: Case, failOn: FailOn): Outcome {
  const { results } = collect(() => policySuite({ usw1: stacks[name] }, { failOn }));
  const ruleOf = (title: string) => title.split(':')[0];
  const failing = results.filter(([, outcome]) => outcome !== 'pass' && outcome !== 'skipped').map(([title]) => ruleOf(title));
  const belowFailOn = results.filter(([title, outcome]) => outcome === 'pass' && /\(\d+ warnings?, below failOn "error"\)$/.test(title)).map(([title]) => ruleOf(title));
  return { reported: unique([...failing, ...belowFailOn]), failing: unique(failing) };
}

/** toPassPolicy for every rule: fails with what fails; its message names the warnings below failOn. */
function viaMatcher(name: Case, failOn: FailOn): Outcome {
  const outcomes = ALL_RULES.map((rule) => ({ rule: rule.id, ...policyMatchers.toPassPolicy(stacks[name], rule.id, { failOn }) }));
  const failing = outcomes.filter((o) => !o.pass).map((o) => o.rule);
  const belowFailOn = outcomes.filter((o) => o.pass && /warnings? below failOn "error"/.test(o.message())).map((o) => o.rule);
  return { reported: unique([...failing, ...belowFailOn]), failing: unique(failing) };
}

describe.each(['error', 'warning'] as const)('at failOn %s, the three ways agree', (failOn) => {
  it.each(['nothing', 'only a warning', 'an error'] as const)('on a stack with %s', (name) => {
    const expected = EXPECTED[name][failOn];
    expect(viaCli(name, failOn)).toEqual(expected);
    expect(viaSynth(name, failOn)).toEqual(expected);
    expect(viaPolicySuite(name, failOn)).toEqual(expected);
    expect(viaMatcher(name, failOn)).toEqual(expected);
  });
});

describe('warnings below failOn are reported, not silently passed', () => {
  it('names the warning in the passing test of policySuite and in the message of toPassPolicy', () => {
    const { results } = collect(() => policySuite({ usw1: stacks['only a warning'] }));
    expect(results.filter(([title]) => title.startsWith('gke.cos-containerd'))).toEqual([
      ['gke.cos-containerd: Nodes run Container-Optimized OS with containerd (1 warning, below failOn "error")', 'pass'],
    ]);
    const matched = policyMatchers.toPassPolicy(stacks['only a warning'], 'gke.cos-containerd');
    expect(matched.pass).toBe(true);
    expect(matched.message()).toMatch(/^expected stack usw1 to fail gke\.cos-containerd, but it passes \(1 warning below failOn "error":\n {2}- google_container_node_pool\.\S+ \(resource\.google_container_node_pool\.\S+\.node_config\.image_type\): .* sets node_config\.image_type = "UBUNTU_CONTAINERD": Genesys recommends "COS_CONTAINERD"\)$/);
  });
});

describe('a unit\'s stack', () => {
  // escape hatch: the first node pool on Ubuntu (003 "GKE > Notes on what is supported": a recommendation)
  const ubuntu = (unit: { nodePools: Record<string, { addOverride(path: string, value: unknown): void } | undefined> }) =>
    Object.values(unit.nodePools).find((pool) => pool !== undefined)!.addOverride('node_config.image_type', 'UBUNTU_CONTAINERD');

  it('synthesizes with a warning the unit enforces by itself', () => {
    const json = synthesizeGkeUnit(PRIMARY, { escapeHatch: ubuntu });
    expect(Object.values<{ node_config: { image_type?: string } }>(json.resource.google_container_node_pool).map((p) => p.node_config.image_type)).toContain('UBUNTU_CONTAINERD');
  });

  it('fails on it once enforcePolicies(stack, { failOn: \'warning\' }) changes how the stack is checked', () => {
    let message = '';
    try {
      synthesizeGkeUnit(PRIMARY, { escapeHatch: ubuntu, enforcePoliciesAfter: { failOn: 'warning' } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n').filter((line) => line.trim().startsWith('[')).map((line) => /\] \[([^\]]+)\]/.exec(line)![1])).toEqual(['gke.cos-containerd']);
  });
});
