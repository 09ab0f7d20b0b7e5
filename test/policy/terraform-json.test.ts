import { stackFromCdktfJson } from '../../lib/policy/cdktf-json';
import { loadStacks } from '../../lib/policy/inputs';
import { TerraformResource } from '../../lib/policy/model';
import { read } from '../../lib/policy/values';
import { InputError } from '../../lib/validation/diagnostic';
import { ROOT } from '../helpers/cli';

/** Terraform's JSON syntax in every shape it accepts, read through the one normalization step. */

interface Problem { readonly path: string; readonly message: string }

function normalize(document: Record<string, unknown>) {
  const problems: Problem[] = [];
  const stack = stackFromCdktfJson(document, 'main.tf.json', 'main', (segments, message) => problems.push({ path: segments.join('.'), message }));
  return { stack, problems };
}

const summary = (r: TerraformResource) => [r.address, r.jsonPath];

describe('Terraform JSON normalization', () => {
  it('reads a resource body given as a list of one object like the object itself', () => {
    const { stack, problems } = normalize({ resource: { google_container_cluster: { primary: [{ location: 'us-west1', enable_autopilot: true }] } } });
    expect(problems).toEqual([]);
    expect(stack.resources.map(summary)).toEqual([['google_container_cluster.primary', 'resource.google_container_cluster.primary[0]']]);
    expect(read(stack.resources[0], 'enable_autopilot')).toEqual({ kind: 'value', value: true, path: 'resource.google_container_cluster.primary[0].enable_autopilot' });
  });

  it('reads several bodies under one name as several resources', () => {
    const { stack } = normalize({ resource: { google_compute_firewall: { ssh: [{ name: 'a' }, { name: 'b' }] } } });
    expect(stack.resources.map((r) => [r.address, r.jsonPath, r.values.name])).toEqual([
      ['google_compute_firewall.ssh', 'resource.google_compute_firewall.ssh[0]', 'a'],
      ['google_compute_firewall.ssh', 'resource.google_compute_firewall.ssh[1]', 'b'],
    ]);
  });

  it('merges label levels given as lists of objects', () => {
    const { stack, problems } = normalize({
      resource: [
        { google_compute_network: { vpc: { name: 'vpc' } } },
        { google_compute_firewall: [{ a: { name: 'a' } }, { b: { name: 'b' } }] },
      ],
    });
    expect(problems).toEqual([]);
    expect(stack.resources.map(summary)).toEqual([
      ['google_compute_network.vpc', 'resource[0].google_compute_network.vpc'],
      ['google_compute_firewall.a', 'resource[1].google_compute_firewall[0].a'],
      ['google_compute_firewall.b', 'resource[1].google_compute_firewall[1].b'],
    ]);
  });

  it('reads nested blocks as objects or lists, and drops nested "//" comments', () => {
    const { stack } = normalize({
      resource: {
        google_container_cluster: {
          c: { '//': 'kept as the resource metadata', private_cluster_config: { '//': 'a comment', enable_private_nodes: true }, addons_config: [{ http_load_balancing: [{ disabled: true }] }] },
        },
      },
    });
    const [cluster] = stack.resources;
    expect(cluster.values.private_cluster_config).toEqual({ enable_private_nodes: true });
    expect(read(cluster, 'addons_config', 'http_load_balancing', 'disabled').kind).toBe('value');
  });

  it('reads null as not set', () => {
    const { stack } = normalize({ resource: { google_container_node_pool: { p: { node_config: { boot_disk_kms_key: null } } } } });
    expect(read(stack.resources[0], 'node_config', 'boot_disk_kms_key')).toEqual({ kind: 'absent', path: 'resource.google_container_node_pool.p.node_config.boot_disk_kms_key' });
  });

  it('expands a literal count, substituting count.index', () => {
    const { stack } = normalize({ resource: { google_container_node_pool: { pool: { count: 2, name: 'pool-${count.index}', node_count: '${count.index}' } } } });
    expect(stack.resources.map((r) => [r.address, r.values.name, r.values.node_count])).toEqual([
      ['google_container_node_pool.pool[0]', 'pool-0', 0],
      ['google_container_node_pool.pool[1]', 'pool-1', 1],
    ]);
    expect(stack.unreadable).toBeUndefined();
  });

  it('expands a literal for_each, substituting each.key, each.value and lookup(each.value, …)', () => {
    const { stack } = normalize({
      resource: {
        google_container_node_pool: {
          pools: {
            for_each: { general: { machine: 'n2-standard-8' }, realtime: { machine: 'c2-standard-8', kms: 'k' } },
            name: '${each.key}',
            node_config: { machine_type: '${each.value.machine}', boot_disk_kms_key: '${lookup(each.value, "kms", "")}' },
          },
        },
      },
    });
    expect(stack.resources.map((r) => [r.address, r.values.name, r.values.node_config])).toEqual([
      ['google_container_node_pool.pools["general"]', 'general', { machine_type: 'n2-standard-8', boot_disk_kms_key: '' }],
      ['google_container_node_pool.pools["realtime"]', 'realtime', { machine_type: 'c2-standard-8', boot_disk_kms_key: 'k' }],
    ]);
  });

  it('reports a count or for_each it cannot evaluate once, and checks the resource as written', () => {
    const { stack } = normalize({
      resource: {
        google_compute_firewall: { rules: { for_each: '${var.rules}', name: '${each.key}' } },
        google_container_node_pool: { optional: { count: '${var.enabled ? 1 : 0}' } },
      },
    });
    expect(stack.resources.map((r) => r.address)).toEqual(['google_compute_firewall.rules', 'google_container_node_pool.optional']);
    expect(stack.unreadable).toEqual([
      {
        address: 'google_compute_firewall.rules',
        path: 'resource.google_compute_firewall.rules.for_each',
        message: 'cannot verify how many google_compute_firewall.rules exist: for_each is an unresolved reference (${var.rules}), which cxunit cannot evaluate; '
          + 'the rules check it once, as written: use a literal value, or check the plan ("terraform show -json") where instances are expanded',
      },
      {
        address: 'google_container_node_pool.optional',
        path: 'resource.google_container_node_pool.optional.count',
        message: 'cannot verify how many google_container_node_pool.optional exist: count is an unresolved reference (${var.enabled ? 1 : 0}), which cxunit cannot evaluate; '
          + 'the rules check it once, as written: use a literal value, or check the plan ("terraform show -json") where instances are expanded',
      },
    ]);
  });

  it('reads a dynamic block\'s content as blocks: one per element of a literal for_each, iterator substituted', () => {
    const { stack } = normalize({
      resource: {
        google_compute_firewall: {
          fw: {
            allow: { protocol: 'icmp' },
            dynamic: { allow: { for_each: [{ p: 'tcp', ports: ['22'] }, { p: 'udp', ports: ['53'] }], content: { protocol: '${allow.value.p}', ports: '${allow.value.ports}' } } },
          },
        },
      },
    });
    expect(stack.resources[0].values).toEqual({ allow: [{ protocol: 'icmp' }, { protocol: 'tcp', ports: ['22'] }, { protocol: 'udp', ports: ['53'] }] });
  });

  it('reads a dynamic block over a for_each known only at plan time as unknown: it may be absent or repeated', () => {
    const { stack } = normalize({
      resource: {
        google_container_cluster: {
          c: {
            dynamic: [{ private_cluster_config: [{ for_each: '${var.private ? [1] : []}', iterator: 'pc', content: [{ enable_private_nodes: true, master_ipv4_cidr_block: '${pc.value}' }] }] }],
          },
        },
      },
    });
    const [cluster] = stack.resources;
    const unknown = { kind: 'unknown', reason: 'unresolved reference ${var.private ? [1] : []}', path: 'resource.google_container_cluster.c.private_cluster_config[0]' };
    expect(read(cluster, 'private_cluster_config', 'enable_private_nodes')).toEqual(unknown);
    expect(read(cluster, 'private_cluster_config', 'master_ipv4_cidr_block')).toEqual(unknown);
  });

  it('reports each module call once, naming what its source may hide', () => {
    const { stack } = normalize({
      module: {
        gke: { source: 'terraform-google-modules/kubernetes-engine/google//modules/private-cluster', name: 'u1' },
        vpc: [{ source: 'terraform-google-modules/network/google' }],
        other: { source: './modules/dns' },
      },
    });
    expect(stack.resources).toEqual([]);
    expect(stack.unreadable?.map((u) => [u.address, u.path])).toEqual([
      ['module.gke', 'module.gke.source'],
      ['module.vpc', 'module.vpc[0].source'],
      ['module.other', 'module.other.source'],
    ]);
    expect(stack.unreadable?.[0].message).toBe('cannot verify what module.gke creates (source "terraform-google-modules/kubernetes-engine/google//modules/private-cluster"): '
      + 'cxunit does not read module sources, so it may hide a GKE cluster and its node pools (the gke rules) and Kubernetes objects (the kubernetes rules); '
      + 'check the plan instead ("terraform show -json" lists the module\'s resources), or suppress this finding with a reason');
    expect(stack.unreadable?.[1].message).toContain('may hide networks and firewall rules (the network rules)');
    expect(stack.unreadable?.[2].message).toContain('may hide resources of any kind (every rule)');
  });

  it('accepts the other top-level blocks and an empty configuration', () => {
    expect(normalize({ terraform: {}, provider: { google: [{ project: 'p' }] }, variable: { x: {} }, output: {}, locals: {}, '//': { note: 'n' } }).problems).toEqual([]);
    expect(normalize({}).problems).toEqual([]);
  });
});

describe('input that is not Terraform', () => {
  const INPUTS = 'test/fixtures/policy/inputs/not-terraform';
  const loadError = (file: string) => {
    try {
      loadStacks([file], { cwd: ROOT });
    } catch (error) {
      if (error instanceof InputError) return error.message;
      throw error;
    }
    throw new Error('expected an InputError');
  };
  const advice = 'a cdk.tf.json or *.tf.json has only resource, data, module, provider, terraform, variable, output and locals, '
    + 'and a plan has planned_values or resource_changes: check that this is the right file';

  it('is an input error naming the file, the first foreign key and the fix (a package.json)', () => {
    expect(loadError(`${INPUTS}/package.json`)).toBe(`${INPUTS}/package.json:2:11: name: not Terraform JSON: "name" is not a Terraform top-level block (nor 3 other keys); ${advice}`);
  });

  it('is an input error for {"foo": [1, 2]}', () => {
    expect(loadError(`${INPUTS}/foo.json`)).toBe(`${INPUTS}/foo.json:1:9: foo: not Terraform JSON: "foo" is not a Terraform top-level block; ${advice}`);
  });
});
