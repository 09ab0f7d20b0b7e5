import * as path from 'path';
import { evaluatePolicies } from '../../lib/policy/engine';
import { Rule, StackInput } from '../../lib/policy/model';
import { creationSite, userSite } from '../../lib/source-site';
import { ROOT } from '../helpers/cli';

/** The user's line in a construct's creation stack: the first frame outside node_modules, Node and cxunit's lib. */
describe('userSite', () => {
  // frames as constructs' captureStackTrace records them (without "at "), and as V8 prints them (with it)
  const trace = [
    `new TerraformResource (${ROOT}/node_modules/cdktf/lib/terraform-resource.js:32:9)`,
    `new ComputeFirewall (${ROOT}/node_modules/@cdktf/provider-google/lib/compute-firewall/index.js:1093:9)`,
    `new UnitFirewall (${ROOT}/lib/gke/firewall.ts:140:7)`,
    `    at new GkeUnit (${ROOT}/dist/lib/gke/gke-unit.js:88:26)`,
    `    at Object.<anonymous> (${ROOT}/stacks/main.ts:12:5)`,
    '    at Module._compile (node:internal/modules/cjs/loader:1554:14)',
  ];

  it('skips node_modules, cxunit\'s own lib and dist, and Node\'s internals', () => {
    expect(userSite(trace, ROOT)).toEqual({ file: 'stacks/main.ts', line: 12, column: 5 });
    expect(userSite(trace.slice(0, 4), ROOT)).toBeUndefined();
  });

  it('names a file outside the working directory by its absolute path, and reads file: URLs', () => {
    expect(userSite([`/elsewhere/app/main.ts:3:1`], ROOT)).toEqual({ file: '/elsewhere/app/main.ts', line: 3, column: 1 });
    expect(userSite([`file://${ROOT}/stacks/main.mjs:7:3`], ROOT)).toEqual({ file: 'stacks/main.mjs', line: 7, column: 3 });
  });
});

describe('creationSite', () => {
  it('records nothing under Jest, whose stack positions are those of the transformed code', () => {
    expect(process.env.JEST_WORKER_ID).toBeDefined();
    expect(creationSite('usw1/unit')).toBeUndefined();
  });
});

describe('the engine reads where a resource was made', () => {
  const everything: Rule = {
    id: 'acme.every-resource', pack: 'acme', title: 'Reports every resource', severity: 'warning', rationale: 'a probe',
    reference: { document: 'Acme platform handbook', section: 'Probes' }, remediation: 'none', suppressible: true,
    evaluate: (stack) => [...stack.resources.map((r) => ({ address: r.address, path: r.jsonPath, message: 'seen' })), { address: 'stack', path: '', message: 'seen' }],
  };
  const resource = (name: string, metadata: Record<string, unknown>) => ({
    type: 'google_compute_firewall', name, address: `google_compute_firewall.${name}`, jsonPath: `resource.google_compute_firewall.${name}`, values: {}, metadata: { metadata },
  });
  const stack: StackInput = {
    stack: 'usw1', file: 'cdk.tf.json', format: 'cdktf',
    createdAt: { file: 'stacks/main.ts', line: 20, column: 3, constructPath: 'usw1/unit' },
    resources: [
      // cdktf recorded a creation stack trace: it wins
      resource('traced', { path: 'usw1/ssh', stackTrace: [`new ComputeFirewall (${ROOT}/node_modules/x.js:1:1)`, `${path.join(ROOT, 'stacks/extra.ts')}:8:9`] }),
      // made by the unit: the unit's creation line
      resource('in_unit', { path: 'usw1/unit/firewall/ingress' }),
      // a sibling whose path only starts with the unit's: not the unit's
      resource('beside', { path: 'usw1/unit2/firewall' }),
    ],
  };

  it('prefers cdktf\'s stackTrace, then the unit\'s site for what the unit made and for the stack', () => {
    const findings = evaluatePolicies([stack], [everything], { today: '2026-01-01' }).findings;
    expect(findings.map((f) => [f.address, f.constructPath, f.source])).toEqual([
      ['google_compute_firewall.traced', 'usw1/ssh', { file: 'stacks/extra.ts', line: 8, column: 9 }],
      ['google_compute_firewall.in_unit', 'usw1/unit/firewall/ingress', { file: 'stacks/main.ts', line: 20, column: 3 }],
      ['google_compute_firewall.beside', 'usw1/unit2/firewall', undefined],
      ['stack', 'usw1/unit', { file: 'stacks/main.ts', line: 20, column: 3 }],
    ]);
  });
});
