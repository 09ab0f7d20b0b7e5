import { noSandbox } from '../../../policies/gke/no-sandbox';
import { expected, violations } from './stack-fixtures';

const POOL = 'google_container_node_pool.general';
const POOL_AT = 'resource.google_container_node_pool.general';

describe('gke.no-sandbox', () => {
  it('passes node configs without sandbox_config (empty lists and strings count as unset)', () => {
    expect(violations(noSandbox, 'gke/no-sandbox/compliant.json')).toEqual([]);
  });

  it('fails on a google-beta node pool with sandbox_config { sandbox_type = "gvisor" }', () => {
    expect(violations(noSandbox, 'gke/no-sandbox/sandbox-pool.json')).toEqual(expected({
      address: POOL,
      path: `${POOL_AT}.node_config.sandbox_config.sandbox_type`,
      message: 'node pool "general" sets node_config.sandbox_config.sandbox_type = "gvisor": GKE Sandbox is not supported; remove sandbox_config',
    }));
  });

  it('fails on the cluster\'s default pool', () => {
    expect(violations(noSandbox, 'gke/no-sandbox/sandbox-cluster-default-pool.json')).toEqual(expected({
      address: 'google_container_cluster.unit_cluster',
      path: 'resource.google_container_cluster.unit_cluster.node_config.sandbox_config.sandbox_type',
      message: 'the cluster\'s default node pool sets node_config.sandbox_config.sandbox_type = "gvisor": GKE Sandbox is not supported; remove sandbox_config',
    }));
  });

  it('fails on a cluster\'s inline node pool', () => {
    expect(violations(noSandbox, 'gke/no-sandbox/sandbox-inline-pool.json')).toEqual(expected({
      address: 'google_container_cluster.unit_cluster',
      path: 'resource.google_container_cluster.unit_cluster.node_pool[1].node_config.sandbox_config.sandbox_type',
      message: 'node pool "sandboxed" (node_pool[1] of google_container_cluster.unit_cluster) sets node_config.sandbox_config.sandbox_type = "gvisor": GKE Sandbox is not supported; remove sandbox_config',
    }));
  });

  it('fails on the API spelling sandbox_config { type = "GVISOR" } (raw overrides)', () => {
    expect(violations(noSandbox, 'gke/no-sandbox/sandbox-api-spelling.json')).toEqual(expected({
      address: POOL,
      path: `${POOL_AT}.node_config.sandbox_config.type`,
      message: 'node pool "general" sets node_config.sandbox_config.type = "GVISOR": GKE Sandbox is not supported; remove sandbox_config',
    }));
  });

  it('fails on a sandbox_config block whose type is unresolved: the block itself asks for Sandbox', () => {
    expect(violations(noSandbox, 'gke/no-sandbox/sandbox-block-without-type.json')).toEqual(expected({
      address: POOL,
      path: `${POOL_AT}.node_config.sandbox_config`,
      message: 'node pool "general" sets node_config.sandbox_config: GKE Sandbox is not supported; remove sandbox_config',
    }));
  });

  it('fails on the older flat node_config.sandbox_type', () => {
    expect(violations(noSandbox, 'gke/no-sandbox/sandbox-type-flat.json')).toEqual(expected({
      address: POOL,
      path: `${POOL_AT}.node_config.sandbox_type`,
      message: 'node pool "general" sets node_config.sandbox_type = "gvisor": GKE Sandbox is not supported; remove sandbox_type',
    }));
  });

  it('fails on the google-beta plan shape and passes the pool whose sandbox_config is []', () => {
    expect(violations(noSandbox, 'gke/no-sandbox/sandbox.plan.json')).toEqual(expected({
      address: 'google_container_node_pool.sandboxed',
      path: 'planned_values.root_module.resources[1].values.node_config[0].sandbox_config[0].sandbox_type',
      message: 'node pool "sandboxed" sets node_config.sandbox_config.sandbox_type = "gvisor": GKE Sandbox is not supported; remove sandbox_config',
    }));
  });

  it('cannot verify an unresolved sandbox_config', () => {
    expect(violations(noSandbox, 'gke/no-sandbox/sandbox-config-unresolved.json')).toEqual(expected({
      address: POOL,
      path: `${POOL_AT}.node_config.sandbox_config`,
      message: 'cannot verify that node pool "general" runs without GKE Sandbox: node_config.sandbox_config is an unresolved reference (${var.sandbox})',
      cannotVerify: true,
    }));
  });
});
