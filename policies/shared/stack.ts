import { StackInput, TerraformResource } from '../../lib/policy/model';
import { read, resourcesOf } from '../../lib/policy/values';
import { isTrue } from './findings';

/** The address of findings about something the stack lacks (lib/policy/model.ts `Finding.address`). */
export const STACK_ADDRESS = 'stack';

export const GKE_CLUSTER = 'google_container_cluster';
export const GKE_NODE_POOL = 'google_container_node_pool';

export function gkeClusters(stack: StackInput): TerraformResource[] {
  return resourcesOf(stack, GKE_CLUSTER);
}

/**
 * Whether the stack builds a GKE cluster. Rules that require something to exist (node pools, the
 * platform's storage class) only apply to such stacks, so that the packs can run over every stack of an
 * estate (network-only or AKS stacks included) without reporting what those stacks never meant to hold.
 */
export function buildsGkeCluster(stack: StackInput): boolean {
  return gkeClusters(stack).length > 0;
}

/**
 * Whether the stack manages Kubernetes objects: resources of the kubernetes provider (typed resources and
 * `kubernetes_manifest`), Helm releases or kubectl manifests.
 */
export function managesKubernetesObjects(stack: StackInput): boolean {
  return stack.resources.some((r) => r.type.startsWith('kubernetes_') || r.type === 'helm_release' || r.type.startsWith('kubectl_'));
}

/**
 * Whether the kubernetes rules that require objects (namespaces, priority classes, the platform's storage
 * class) apply: the stack was made by a cxunit unit construct (it records its service groups or boundaries),
 * or it manages Kubernetes objects. A stack that only builds a cluster (the cluster's objects live in another
 * stack or are deployed by other tools) is not asked for objects it does not manage.
 */
export function hostsUnit(stack: StackInput): boolean {
  return stack.serviceGroups !== undefined || stack.boundaries !== undefined || managesKubernetesObjects(stack);
}

/**
 * The JSON path of a finding about a missing resource: where it would be declared (`resource.<type>` in a
 * cdk.tf.json; the root module's resource list in a plan).
 */
export function missingResourcePath(stack: StackInput, type: string): string {
  return stack.format === 'plan' ? 'planned_values.root_module.resources' : `resource.${type}`;
}

/**
 * Whether the cluster is an Autopilot cluster (`enable_autopilot = true`). GKE pre-configures some settings
 * there (VPC-native networking, the Filestore CSI driver): rules about those settings follow GKE, and
 * gke.no-autopilot reports the cluster itself.
 */
export function isAutopilot(cluster: TerraformResource): boolean {
  const autopilot = read(cluster, 'enable_autopilot');
  return autopilot.kind === 'value' && isTrue(autopilot.value);
}
