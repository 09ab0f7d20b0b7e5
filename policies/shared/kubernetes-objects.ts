import { StackInput, TerraformResource } from '../../lib/policy/model';
import { PathStep, read, readPath, ReadResult, resourcesOf } from '../../lib/policy/values';
import { UnknownRead } from './findings';

/**
 * A Kubernetes object declared in Terraform: by a typed resource of the kubernetes provider
 * (`kubernetes_namespace_v1`: snake_case fields, `at` empty) or by a `kubernetes_manifest`
 * (camelCase fields under `manifest`, `at` is `['manifest']`).
 */
export interface KubernetesObject {
  readonly resource: TerraformResource;
  readonly kind: string;
  readonly at: readonly PathStep[];
  readonly style: 'resource' | 'manifest';
}

export interface KubernetesObjects {
  readonly objects: readonly KubernetesObject[];
  /** Manifests whose kind cannot be read: they may or may not be one of the kinds asked for. */
  readonly unreadable: readonly { readonly resource: TerraformResource; readonly read: UnknownRead }[];
}

export const KUBERNETES_MANIFEST = 'kubernetes_manifest';

/** The kubernetes provider's typed resources for each kind (the `_v1` resource first, then the deprecated one). */
export const NAMESPACE_TYPES = ['kubernetes_namespace_v1', 'kubernetes_namespace'];
export const PRIORITY_CLASS_TYPES = ['kubernetes_priority_class_v1', 'kubernetes_priority_class'];
export const STORAGE_CLASS_TYPES = ['kubernetes_storage_class_v1', 'kubernetes_storage_class'];
export const NETWORK_POLICY_TYPES = ['kubernetes_network_policy_v1', 'kubernetes_network_policy'];
export const INGRESS_TYPES = ['kubernetes_ingress_v1', 'kubernetes_ingress'];
export const INGRESS_CLASS_TYPES = ['kubernetes_ingress_class_v1', 'kubernetes_ingress_class'];

/** Objects of the given kinds: typed resources of `resourceTypes` (each of the first kind) and manifests. */
export function kubernetesObjects(stack: StackInput, kinds: readonly string[], resourceTypes: readonly string[]): KubernetesObjects {
  const objects: KubernetesObject[] = resourcesOf(stack, ...resourceTypes).map((resource) => ({ resource, kind: kinds[0], at: [], style: 'resource' }));
  const unreadable: { resource: TerraformResource; read: UnknownRead }[] = [];
  for (const resource of resourcesOf(stack, KUBERNETES_MANIFEST)) {
    const kind = read(resource, 'manifest', 'kind');
    if (kind.kind === 'unknown') unreadable.push({ resource, read: kind });
    else if (kind.kind === 'value' && typeof kind.value === 'string' && kinds.includes(kind.value)) {
      objects.push({ resource, kind: kind.value, at: ['manifest'], style: 'manifest' });
    }
  }
  return { objects, unreadable };
}

/** Reads a field of the object; `resourceField` for typed resources, `manifestField` for manifests. */
export function readField(object: KubernetesObject, resourceField: readonly PathStep[], manifestField: readonly PathStep[] = resourceField): ReadResult {
  const field = object.style === 'resource' ? resourceField : manifestField;
  return readPath(object.resource, object.at.length === 0 ? field : [...object.at, ...field]);
}

/** The object's `metadata.name`. */
export function objectName(object: KubernetesObject): ReadResult {
  return readField(object, ['metadata', 'name']);
}
