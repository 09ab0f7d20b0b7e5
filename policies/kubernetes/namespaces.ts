import { ServiceGroup } from '../../lib/architecture/types';
import { Rule, Violation } from '../../lib/policy/model';
import { formatReference, SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify } from '../shared/findings';
import { kubernetesObjects, NAMESPACE_TYPES, objectName } from '../shared/kubernetes-objects';
import { hostsUnit, missingResourcePath, STACK_ADDRESS } from '../shared/stack';
import { catalogOf } from '../shared/catalog';
import { kubernetesNotApplicable } from '../shared/applicability';

export const namespaces: Rule = {
  id: 'kubernetes.namespaces',
  pack: 'kubernetes',
  title: 'Every enabled service group has its namespaces',
  severity: 'error',
  rationale: '003 "Creating namespaces": "Genesys requires you to create a namespace per service group", named as in '
    + 'its table and as the Helm charts expect (catalog: namespaces.yaml). The service groups are the unit\'s enabled '
    + 'groups recorded by the cxunit construct (`"//".cxunit.serviceGroups`), or every group when the stack has no '
    + 'such metadata. Namespaces count from kubernetes_namespace_v1, kubernetes_namespace and Namespace manifests. '
    + 'Applies to stacks that manage Kubernetes objects (kubernetes provider resources, Helm releases, kubectl '
    + 'manifests) or carry cxunit unit metadata; a stack that only builds the cluster is not asked for them.',
  reference: { document: SETUP_DOCUMENT, section: 'Creating namespaces > Namespaces for Genesys Multicloud CX services' },
  remediation: 'Add a kubernetes_namespace_v1 for each missing namespace with the exact name from 003 (e.g. "voice", '
    + '"gim", "gca", "gsp"), or remove the service group from the unit.',
  suppressible: true,
  notApplicable: kubernetesNotApplicable,
  evaluate(stack, context) {
    if (!hostsUnit(stack)) return [];
    const catalog = catalogOf(context);
    const violations: Violation[] = [];

    let groups: readonly ServiceGroup[] = catalog.serviceGroups;
    if (stack.serviceGroups !== undefined) {
      groups = stack.serviceGroups.flatMap((key) => catalog.serviceGroup(key) ?? []);
      stack.serviceGroups.forEach((key, index) => {
        if (catalog.serviceGroup(key)) return;
        violations.push({
          address: STACK_ADDRESS,
          path: `//.cxunit.serviceGroups[${index}]`,
          message: `unknown service group "${key}" in the stack's cxunit metadata: use one of ${catalog.serviceGroups.map((g) => g.key).join(', ')}`,
        });
      });
    }

    const { objects, unreadable } = kubernetesObjects(stack, ['Namespace'], NAMESPACE_TYPES);
    const names = objects.map(objectName);
    const declared = new Set(names.flatMap((n) => (n.kind === 'value' ? [String(n.value)] : [])));
    const unsure = unreadable.length > 0 || names.some((n) => n.kind === 'unknown');

    // Several groups share a namespace (the voice groups share "voice"): one finding per namespace.
    const needed = new Map<string, ServiceGroup[]>();
    groups.forEach((group) => group.namespaces.forEach((namespace) => {
      const owners = needed.get(namespace);
      if (owners) owners.push(group);
      else needed.set(namespace, [group]);
    }));
    // forEach rather than for-of: most stacks of an estate run this before V8 optimizes it, where for-of allocates per step.
    needed.forEach((owners, namespace) => {
      if (declared.has(namespace)) return;
      const groupNames = `service group${owners.length > 1 ? 's' : ''} ${owners.map((g) => `"${g.group}"`).join(', ')}`;
      violations.push({
        address: STACK_ADDRESS,
        path: missingResourcePath(stack, NAMESPACE_TYPES[0]),
        message: unsure
          ? `cannot verify that namespace "${namespace}" exists (${groupNames}): some namespaces or manifests cannot be read`
          : `namespace "${namespace}" of ${groupNames} is missing: add a ${NAMESPACE_TYPES[0]} named "${namespace}"`,
        reference: formatReference(owners[0].reference),
        ...(unsure ? { cannotVerify: true } : {}),
      });
    });
    names.forEach((name, index) => {
      if (name.kind === 'unknown') violations.push(cannotVerify(objects[index].resource, name, 'the namespace\'s name'));
    });
    return violations;
  },
};
