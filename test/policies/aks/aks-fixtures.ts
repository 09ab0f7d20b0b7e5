import { stackFromCdktfJson } from '../../../lib/policy/cdktf-json';
import { StackInput, Violation } from '../../../lib/policy/model';

/**
 * Fixtures of the aks pack: a compliant AKS unit written by hand in the shape of a cdk.tf.json (one
 * cluster with the general pool as default pool, a real-time and a third-party pool), and the same
 * document with every nested block written as a one-element array (the other shape Terraform JSON
 * accepts). Each test applies one violation to the object shape, then runs the rule on both shapes.
 */

export type Shape = 'objects' | 'arrays';
export const SHAPES: readonly Shape[] = ['objects', 'arrays'];

export const CLUSTER = 'azurerm_kubernetes_cluster.unit';
export const REALTIME = 'azurerm_kubernetes_cluster_node_pool.realtime';
export const THIRD_PARTY = 'azurerm_kubernetes_cluster_node_pool.thirdparty';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- hand-written Terraform JSON that tests mutate
export type Document = Record<string, any>;

export function compliantUnit(): Document {
  return {
    resource: {
      azurerm_kubernetes_cluster: {
        unit: {
          name: 'weu1-aks', location: 'westeurope', resource_group_name: 'cx-weu1', dns_prefix: 'weu1',
          kubernetes_version: '1.32',
          identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.aks.id}'] },
          default_node_pool: {
            name: 'general', vm_size: 'Standard_D8s_v5', zones: ['1', '2', '3'], auto_scaling_enabled: true, min_count: 3, max_count: 15,
            os_disk_type: 'Managed', node_labels: { 'genesys.com/node-pool': 'general' }, upgrade_settings: { max_surge: '33%' },
            vnet_subnet_id: '${azurerm_subnet.nodes_general.id}', pod_subnet_id: '${azurerm_subnet.pods_general.id}',
          },
          network_profile: { network_plugin: 'azure', network_data_plane: 'azure', load_balancer_sku: 'standard', service_cidr: '10.130.0.0/16', dns_service_ip: '10.130.0.10' },
          storage_profile: { disk_driver_enabled: true, file_driver_enabled: true },
        },
      },
      azurerm_kubernetes_cluster_node_pool: {
        realtime: {
          name: 'realtime', kubernetes_cluster_id: '${azurerm_kubernetes_cluster.unit.id}', mode: 'User', vm_size: 'Standard_D8s_v5',
          zones: ['1', '2', '3'], auto_scaling_enabled: true, min_count: 3, max_count: 9, os_disk_type: 'Managed',
          node_labels: { 'genesys.com/node-pool': 'realtime' }, node_taints: ['genesys.com/node-pool=realtime:NoSchedule'],
          upgrade_settings: { max_surge: '1', drain_timeout_in_minutes: 60, undrainable_node_behavior: 'Cordon' },
          orchestrator_version: '${azurerm_kubernetes_cluster.unit.kubernetes_version}',
        },
        thirdparty: {
          name: 'thirdparty', kubernetes_cluster_id: '${azurerm_kubernetes_cluster.unit.id}', mode: 'User', vm_size: 'Standard_L8s_v3',
          zones: ['1', '2', '3'], auto_scaling_enabled: true, min_count: 3, max_count: 9,
          node_labels: { 'genesys.com/node-pool': 'third-party' }, upgrade_settings: { max_surge: '1' },
        },
      },
    },
  };
}

/** Nested blocks of the AKS resources (maps such as node_labels and tags stay objects). */
const BLOCKS = new Set(['identity', 'default_node_pool', 'upgrade_settings', 'network_profile', 'advanced_networking', 'storage_profile',
  'service_mesh_profile', 'upgrade_override', 'auto_scaler_profile', 'kubelet_config', 'linux_os_config']);

function asArrays(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => asArrays(v));
  if (value === null || typeof value !== 'object') return value;
  const converted = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asArrays(v, k)]));
  return key !== undefined && BLOCKS.has(key) ? [converted] : converted;
}

/** The rule's violations on the document in one shape, sorted. */
export function stackOf(document: Document, shape: Shape): StackInput {
  const doc = shape === 'objects' ? document : { ...document, resource: Object.fromEntries(Object.entries(document.resource).map(([type, byName]) => [type, Object.fromEntries(Object.entries(byName as Document).map(([name, values]) => [name, asArrays(values)]))])) };
  return stackFromCdktfJson(structuredClone(doc), 'test/fixtures/aks.json', 'aks');
}

export function unitWith(mutate: (document: Document) => void): Document {
  const document = compliantUnit();
  mutate(document);
  return document;
}

export function sorted(list: readonly Violation[]): Violation[] {
  const key = (v: Violation) => `${v.address}\u0000${v.path}\u0000${v.message}`;
  return [...list].sort((a, b) => key(a).localeCompare(key(b)));
}

/**
 * `resource.azurerm_kubernetes_cluster.unit.network_profile.network_plugin` in the object shape,
 * `...network_profile[0].network_plugin` in the array shape: blocks named in `blocks` get `[0]`.
 */
export function pathIn(shape: Shape, resource: string, ...steps: string[]): string {
  const [type, name] = resource.split('.');
  return [`resource.${type}.${name}`, ...steps.map((s, i) => (shape === 'arrays' && BLOCKS.has(s) && i < steps.length - 1 ? `${s}[0]` : s))].join('.');
}

export const cluster = (document: Document) => document.resource.azurerm_kubernetes_cluster.unit;
export const pool = (document: Document, name: 'realtime' | 'thirdparty') => document.resource.azurerm_kubernetes_cluster_node_pool[name];

/** Runs a rule on a document in both shapes and expects, per shape, the violations `expected` builds. */
export function expectInBothShapes(rule: { evaluate(stack: StackInput): readonly Violation[] }, document: Document, expected: (shape: Shape) => Violation[]): void {
  for (const shape of SHAPES) {
    expect({ shape, violations: sorted(rule.evaluate(stackOf(document, shape))) }).toEqual({ shape, violations: sorted(expected(shape)) });
  }
}
