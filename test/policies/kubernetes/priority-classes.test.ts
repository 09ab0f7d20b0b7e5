import { Catalog } from '../../../lib/architecture/catalog';
import { priorityClasses } from '../../../policies/kubernetes/priority-classes';
import { formatReference } from '../../../policies/shared/document';
import { expected, violations } from '../gke/stack-fixtures';

const catalog = Catalog.default();
const priority = (level: string) => {
  const found = catalog.priorityClasses.find((c) => c.level === level);
  if (!found) throw new Error(`catalog has no priority class ${level}`);
  return found;
};
const ref = (level: string) => formatReference(priority(level).reference);

describe('kubernetes.priority-classes', () => {
  it('reads the classes from the catalog', () => {
    expect(catalog.priorityClasses.map((c) => [c.name, c.value])).toEqual([
      ['genesysengage-critical-priority', 10000000],
      ['genesysengage-high-priority', 1000000],
      ['genesysengage-medium-priority', 100000],
      ['genesysengage-low-priority', 0],
    ]);
  });

  it('passes every class with its value (typed, deprecated typed with a numeric string, manifest)', () => {
    expect(violations(priorityClasses, 'kubernetes/priority-classes/compliant.json')).toEqual([]);
  });

  it('passes a stack that is not a unit\'s', () => {
    expect(violations(priorityClasses, 'kubernetes/priority-classes/not-a-unit-stack.json')).toEqual([]);
  });

  it('fails each missing class', () => {
    expect(violations(priorityClasses, 'kubernetes/priority-classes/missing.json')).toEqual(expected(
      {
        address: 'stack',
        path: 'resource.kubernetes_priority_class_v1',
        message: `priority class "genesysengage-medium-priority" (value ${priority('medium').value}) is missing: add a kubernetes_priority_class_v1 with that name and value`,
        reference: ref('medium'),
      },
      {
        address: 'stack',
        path: 'resource.kubernetes_priority_class_v1',
        message: `priority class "genesysengage-low-priority" (value ${priority('low').value}) is missing: add a kubernetes_priority_class_v1 with that name and value`,
        reference: ref('low'),
      },
    ));
  });

  it('fails a wrong or missing value', () => {
    expect(violations(priorityClasses, 'kubernetes/priority-classes/wrong-value.json')).toEqual(expected(
      {
        address: 'kubernetes_priority_class_v1.critical',
        path: 'resource.kubernetes_priority_class_v1.critical.value',
        message: `priority class "genesysengage-critical-priority" has value 1000000: the documented value is ${priority('critical').value}`,
        reference: ref('critical'),
      },
      {
        address: 'kubernetes_priority_class_v1.low',
        path: 'resource.kubernetes_priority_class_v1.low.value',
        message: `priority class "genesysengage-low-priority" sets no value: the documented value is ${priority('low').value}`,
        reference: ref('low'),
      },
    ));
  });

  it('fails a wrong value in the plan shape', () => {
    expect(violations(priorityClasses, 'kubernetes/priority-classes/priorities.plan.json')).toEqual(expected({
      address: 'kubernetes_priority_class_v1.medium',
      path: 'planned_values.root_module.resources[2].values.value',
      message: `priority class "genesysengage-medium-priority" has value 10000: the documented value is ${priority('medium').value}`,
      reference: ref('medium'),
    }));
  });

  it('cannot verify an unresolved value', () => {
    expect(violations(priorityClasses, 'kubernetes/priority-classes/value-unresolved.json')).toEqual(expected({
      address: 'kubernetes_priority_class_v1.critical',
      path: 'resource.kubernetes_priority_class_v1.critical.value',
      message: 'cannot verify the value of priority class "genesysengage-critical-priority": value is an unresolved reference (${var.critical_priority})',
      cannotVerify: true,
      reference: ref('critical'),
    }));
  });
});
