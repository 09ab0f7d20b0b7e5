import { Rule, Violation } from '../../lib/policy/model';
import { formatReference, SETUP_DOCUMENT } from '../shared/document';
import { asNumber, cannotVerify, show } from '../shared/findings';
import { kubernetesObjects, objectName, PRIORITY_CLASS_TYPES, readField } from '../shared/kubernetes-objects';
import { hostsUnit, missingResourcePath, STACK_ADDRESS } from '../shared/stack';
import { catalogOf } from '../shared/catalog';
import { kubernetesNotApplicable } from '../shared/applicability';

export const priorityClasses: Rule = {
  id: 'kubernetes.priority-classes',
  pack: 'kubernetes',
  title: 'The Genesys priority classes exist with their documented values',
  severity: 'error',
  rationale: '003 "Service priorities for Genesys Multicloud CX services": each service\'s Helm chart names a priority '
    + 'class (genesysengage-critical-priority, -high-, -medium-, -low-priority) whose value sets the eviction order '
    + '(catalog: priorities.yaml). A missing class makes pods fail admission; a wrong value changes which services '
    + 'are evicted first. Classes count from kubernetes_priority_class_v1, kubernetes_priority_class and '
    + 'PriorityClass manifests. Applies to stacks that manage Kubernetes objects (kubernetes provider resources, Helm '
    + 'releases, kubectl manifests) or carry cxunit unit metadata; a stack that only builds the cluster is not asked '
    + 'for them.',
  reference: { document: SETUP_DOCUMENT, section: 'Service priorities for Genesys Multicloud CX services' },
  remediation: 'Declare a kubernetes_priority_class_v1 per class with the exact name and value from 003 (e.g. '
    + 'genesysengage-critical-priority = 10000000).',
  suppressible: true,
  notApplicable: kubernetesNotApplicable,
  evaluate(stack, context) {
    if (!hostsUnit(stack)) return [];
    const violations: Violation[] = [];
    const { objects, unreadable } = kubernetesObjects(stack, ['PriorityClass'], PRIORITY_CLASS_TYPES);
    const declared = objects.map((object) => ({ object, name: objectName(object) }));
    const unsure = unreadable.length > 0 || declared.some(({ name }) => name.kind === 'unknown');
    for (const { object, name } of declared) {
      if (name.kind === 'unknown') violations.push(cannotVerify(object.resource, name, 'the priority class\'s name'));
    }

    for (const priorityClass of catalogOf(context).priorityClasses) {
      const reference = formatReference(priorityClass.reference);
      const matches = declared.filter(({ name }) => name.kind === 'value' && name.value === priorityClass.name);
      if (matches.length === 0) {
        violations.push({
          address: STACK_ADDRESS,
          path: missingResourcePath(stack, PRIORITY_CLASS_TYPES[0]),
          message: unsure
            ? `cannot verify that priority class "${priorityClass.name}" exists: some priority classes or manifests cannot be read`
            : `priority class "${priorityClass.name}" (value ${priorityClass.value}) is missing: add a ${PRIORITY_CLASS_TYPES[0]} with that name and value`,
          reference,
          ...(unsure ? { cannotVerify: true } : {}),
        });
      }
      for (const { object } of matches) {
        const value = readField(object, ['value']);
        if (value.kind === 'unknown') violations.push({ ...cannotVerify(object.resource, value, `the value of priority class "${priorityClass.name}"`), reference });
        else if (value.kind === 'absent' || asNumber(value.value) !== priorityClass.value) {
          const actual = value.kind === 'absent' ? 'sets no value' : `has value ${show(value.value)}`;
          violations.push({ address: object.resource.address, path: value.path, message: `priority class "${priorityClass.name}" ${actual}: the documented value is ${priorityClass.value}`, reference });
        }
      }
    }
    return violations;
  },
};
