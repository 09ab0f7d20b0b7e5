import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadStacks } from '../../lib/policy/inputs';
import { UNKNOWN } from '../../lib/policy/model';
import { read } from '../../lib/policy/values';
import { InputError } from '../../lib/validation/diagnostic';
import { ROOT } from '../helpers/cli';

const INPUTS = 'test/fixtures/policy/inputs';
const load = (...paths: string[]) => loadStacks(paths, { cwd: ROOT });

/** The message of the InputError that loading throws. */
function loadError(...paths: string[]): string {
  try {
    load(...paths);
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('loading stacks', () => {
  it('reads every stacks/<name>/cdk.tf.json of a cdktf.out directory, by name', () => {
    const stacks = load(`${INPUTS}/cdktf-out`);
    expect(stacks.map((s) => [s.stack, s.file, s.format])).toEqual([
      ['u1', `${INPUTS}/cdktf-out/stacks/u1/cdk.tf.json`, 'cdktf'],
      ['u2', `${INPUTS}/cdktf-out/stacks/u2/cdk.tf.json`, 'cdktf'],
    ]);
    expect(stacks[0].boundaries?.unit).toBe('u1');
    expect(stacks[0].serviceGroups).toEqual(['voice', 'gvp', 'webrtc']);
  });

  it('names each file relative to the working directory when it lies under it, else by its whole path', () => {
    const file = `${INPUTS}/cdktf-out/stacks/u1/cdk.tf.json`;
    const absolute = path.join(ROOT, file);
    const under = (cwd: string) => loadStacks([absolute], { cwd }).map((s) => s.file);
    expect(under(ROOT)).toEqual([file]);
    expect(under(`${ROOT}${path.sep}`)).toEqual([file]);
    expect(under(path.join(ROOT, 'test', '..'))).toEqual([file]);
    expect(under(path.join(ROOT, INPUTS, 'cdktf-out'))).toEqual(['stacks/u1/cdk.tf.json']);
    // a sibling directory whose name starts with the working directory's is not under it
    expect(under(path.join(ROOT, INPUTS, 'cdktf'))).toEqual([absolute]);
    expect(under(path.join(ROOT, 'docs'))).toEqual([absolute]);
    expect(under(path.parse(ROOT).root)).toEqual([absolute.slice(path.parse(ROOT).root.length)]);
    // a relative working directory is resolved against the process's
    expect(loadStacks([absolute], { cwd: path.relative(process.cwd(), path.join(ROOT, INPUTS)) }).map((s) => s.file)).toEqual(['cdktf-out/stacks/u1/cdk.tf.json']);
  });

  it('reads a stack directory and a cdk.tf.json file, once each', () => {
    const stacks = load(`${INPUTS}/cdktf-out/stacks/u2`, `${INPUTS}/cdktf-out/stacks/u2/cdk.tf.json`);
    expect(stacks.map((s) => s.stack)).toEqual(['u2']);
    const ssh = stacks[0].resources.find((r) => r.address === 'google_compute_firewall.ssh')!;
    expect(ssh.jsonPath).toBe('resource.google_compute_firewall.ssh');
    expect(read(ssh, 'allow', 'ports')).toEqual({ kind: 'value', value: ['22'], path: 'resource.google_compute_firewall.ssh.allow[0].ports' });
  });

  describe('a plan from "terraform show -json"', () => {
    const [plan] = load(`${INPUTS}/plan-only.json`);

    it('takes managed resources of every module, without data sources and resources being destroyed', () => {
      expect(plan.format).toBe('plan');
      expect(plan.stack).toBe('plan-only');
      expect(plan.resources.map((r) => [r.address, r.jsonPath])).toEqual([
        ['google_compute_network.vpc', 'planned_values.root_module.resources[0].values'],
        ['google_compute_subnetwork.nodes', 'planned_values.root_module.resources[1].values'],
        ['google_container_cluster.cluster', 'planned_values.root_module.resources[2].values'],
        ['google_compute_firewall.sbc_ingress', 'resource_changes[0].change.after'],
        ['module.pools.google_container_node_pool.realtime', 'resource_changes[2].change.after'],
      ]);
    });

    it('makes values unknown after apply UNKNOWN, never absent', () => {
      const firewall = plan.resources.find((r) => r.type === 'google_compute_firewall')!;
      expect(firewall.values.source_ranges).toBe(UNKNOWN);
      expect(firewall.values.network).toBe(UNKNOWN);
      expect(read(firewall, 'source_ranges')).toEqual({ kind: 'unknown', reason: 'unknown until apply', path: 'resource_changes[0].change.after.source_ranges' });
      expect(firewall.values.allow).toEqual([{ protocol: 'tcp', ports: ['5080'] }, { protocol: 'udp', ports: ['5080', '20000-45000'] }]);
      const pool = plan.resources.find((r) => r.type === 'google_container_node_pool')!;
      expect(read(pool, 'node_config', 'service_account').kind).toBe('unknown');
      expect(read(pool, 'node_config', 'tags')).toEqual({ kind: 'value', value: ['u1-realtime'], path: 'resource_changes[2].change.after.node_config[0].tags' });
    });

    it('keeps what the configuration says unknown values refer to', () => {
      const firewall = plan.resources.find((r) => r.type === 'google_compute_firewall')!;
      expect(firewall.references).toEqual({ network: ['google_compute_network.vpc.id', 'google_compute_network.vpc'], source_ranges: ['var.sbc_source_ranges'] });
    });

    it('has no cxunit metadata of its own', () => {
      expect(plan.boundaries).toBeUndefined();
    });
  });

  it('takes a plan\'s cxunit metadata and resource suppressions from the cdk.tf.json beside it', () => {
    const [plan] = load(`${INPUTS}/plan-u1/plan.json`);
    expect(plan.stack).toBe('plan-u1');
    expect(plan.boundaries?.unit).toBe('u1');
    const firewall = plan.resources.find((r) => r.type === 'google_compute_firewall')!;
    expect(firewall.metadataSource).toEqual({ file: `${INPUTS}/plan-u1/cdk.tf.json`, jsonPath: 'resource.google_compute_firewall.sbc_ingress' });
  });

  describe('malformed input: an InputError naming file, line, column and path, with the fix', () => {
    it('not JSON', () => {
      expect(loadError(`${INPUTS}/malformed/not-json.json`)).toBe(
        `${INPUTS}/malformed/not-json.json:7:1: not valid JSON: unexpected end of file: the '{' at 2:15 is never closed, close it`);
      expect(loadError(`${INPUTS}/malformed/trailing-comma.json`)).toBe(
        `${INPUTS}/malformed/trailing-comma.json:4:3: not valid JSON: trailing comma before '}': remove the comma`);
    });

    it('a resource type that is not an object', () => {
      expect(loadError(`${INPUTS}/malformed/wrong-shape.json`)).toBe(
        `${INPUTS}/malformed/wrong-shape.json:3:32: resource.google_compute_firewall: must be an object keyed by resource name (or a list of such objects), found the string "ssh": write "google_compute_firewall": { "<name>": { ... } }`);
    });

    it('a document that is not an object', () => {
      expect(loadError(`${INPUTS}/malformed/array.json`)).toBe(
        `${INPUTS}/malformed/array.json:1:1: must be a JSON object (a cdk.tf.json or a plan from "terraform show -json"), found a list: check that this is the right file`);
    });

    it('a plan whose resource_changes is not a list', () => {
      expect(loadError(`${INPUTS}/malformed/plan-wrong-shape.json`)).toBe(
        `${INPUTS}/malformed/plan-wrong-shape.json:4:23: resource_changes: must be a list, found an object: is this "terraform show -json" output?`);
    });

    it('cxunit metadata that does not match its schema', () => {
      expect(loadError(`${INPUTS}/malformed/bad-metadata.json`)).toBe(
        `${INPUTS}/malformed/bad-metadata.json:39:27: ["//"].cxunit.boundaries.egressLockdown: must be a boolean, found the string "yes": change the value`);
    });

    it('a resource suppression with a reason shorter than 10 characters', () => {
      expect(loadError(`${INPUTS}/malformed/bad-suppression.json`)).toBe(
        `${INPUTS}/malformed/bad-suppression.json:116:27: resource.google_compute_firewall.internet_ingress["//"].cxunit.suppressions[0].reason: `
        + 'the string "because" is malformed: give a reason of at least 10 characters that says why the finding is acceptable');
    });

    it('a missing path', () => {
      expect(loadError(`${INPUTS}/nope`)).toBe(`${INPUTS}/nope: no such file or directory: check the path (give a cdktf.out directory, a stack directory, a cdk.tf.json or a plan JSON)`);
    });

    it('a directory with no stacks', () => {
      expect(loadError(`${INPUTS}/malformed`)).toBe(`${INPUTS}/malformed: no cdk.tf.json, no stacks/ directory and no *.tf.json files here: give a cdktf.out directory, a stack directory, a Terraform JSON module directory, a cdk.tf.json or a plan JSON`);
    });

    it('an empty directory, and a cdktf.out whose stacks/ is empty', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-empty-'));
      try {
        expect(loadError(dir)).toBe(`${dir}: empty directory: run "npx cdktf synth" first, or give a cdktf.out directory, a stack directory, a cdk.tf.json or a plan JSON`);
        fs.mkdirSync(path.join(dir, 'stacks'));
        expect(loadError(dir)).toBe(`${dir}: no stacks: ${path.join(dir, 'stacks')} has no <stack>/cdk.tf.json; run "npx cdktf synth" first`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('every problem of every path at once', () => {
      expect(loadError(`${INPUTS}/nope`, `${INPUTS}/malformed/array.json`).split('\n')).toHaveLength(2);
    });
  });
});
