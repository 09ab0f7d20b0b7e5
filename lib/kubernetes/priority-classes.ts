import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { PriorityClassV1 } from '@cdktf/provider-kubernetes/lib/priority-class-v1';
import { Catalog } from '../architecture/catalog';
import { PriorityLevel } from '../architecture/types';

export interface GenesysPriorityClassesProps {
  /** The Kubernetes provider of the unit's cluster. */
  readonly provider: TerraformProvider;
  /** The catalog whose priority classes (003 "Service priorities") are created, values exactly as documented. */
  readonly catalog: Catalog;
}

/**
 * The priority classes of 003 "Service priorities" (genesysengage-critical-priority and the others),
 * none of them the cluster default. Cloud-neutral.
 */
export class GenesysPriorityClasses extends Construct {
  /** The priority classes, by level (`critical`, `high`, `medium`, `low`). */
  readonly priorityClasses: Readonly<Partial<Record<PriorityLevel, PriorityClassV1>>>;

  constructor(scope: Construct, id: string, props: GenesysPriorityClassesProps) {
    super(scope, id);
    const classes: Partial<Record<PriorityLevel, PriorityClassV1>> = {};
    for (const spec of props.catalog.priorityClasses) {
      classes[spec.level] = new PriorityClassV1(this, spec.level, {
        provider: props.provider,
        metadata: { name: spec.name, labels: { 'app.kubernetes.io/managed-by': 'cxunit' } },
        value: spec.value,
        description: spec.description,
        globalDefault: false,
      });
    }
    this.priorityClasses = classes;
  }
}
