import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { StorageClassV1 } from '@cdktf/provider-kubernetes/lib/storage-class-v1';
import { Catalog } from '../architecture/catalog';
import { StorageClass } from '../architecture/types';

export interface PlatformStorageClassesProps {
  /** The Kubernetes provider of the unit's cluster. */
  readonly provider: TerraformProvider;
  readonly catalog: Catalog;
  /** Whose storage table of 003 "Storage requirements" applies. */
  readonly cloud: StorageClass['cloud'];
  /**
   * The provisioner parameters of each class to create, by class name: they depend on the cloud and
   * on the unit (e.g. the network of a Filestore instance). Every class the platform creates needs an entry.
   */
  readonly parameters: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * Parameter names that select a customer-managed encryption key, which 003 "GKE > Not supported"
 * excludes ("Customer-Managed Keys (CMKs) are not supported").
 */
const KMS_PARAMETERS = ['disk-encryption-kms-key', 'instance-encryption-kms-key', 'diskEncryptionSetID', 'diskEncryptionType'];

/**
 * The storage classes of 003 "Storage requirements" that the platform must create: the cloud's rows
 * with a provisioner that the cloud does not create itself (redeclaring GKE's own standard-rwo,
 * premium-rwo and standard-rwx fails with AlreadyExists). Volumes bind where the pod is scheduled and
 * can grow. Cloud-neutral: the caller gives the cloud's parameters.
 */
export class PlatformStorageClasses extends Construct {
  /** The created storage classes, by name. */
  readonly storageClasses: Readonly<Record<string, StorageClassV1>>;

  constructor(scope: Construct, id: string, props: PlatformStorageClassesProps) {
    super(scope, id);
    const wanted = classesToCreate(props.catalog, props.cloud);
    const problems: string[] = [];
    for (const spec of wanted) {
      const parameters = props.parameters[spec.name];
      if (!parameters) problems.push(`storage class "${spec.name}" has no parameters: give parameters["${spec.name}"] (its provisioner ${spec.provisioner} needs them)`);
      for (const key of Object.keys(parameters ?? {}).filter((k) => KMS_PARAMETERS.includes(k))) {
        problems.push(`storage class "${spec.name}" sets ${key}: customer-managed keys are not supported (003 "GKE > Not supported"); remove the parameter`);
      }
    }
    for (const name of Object.keys(props.parameters).filter((n) => !wanted.some((s) => s.name === n))) {
      problems.push(`parameters["${name}"] is not a storage class the platform creates on ${props.cloud}: use one of ${wanted.map((s) => s.name).join(', ') || '(none)'}`);
    }
    if (problems.length > 0) throw new Error(problems.join('\n'));

    const classes: Record<string, StorageClassV1> = {};
    for (const spec of wanted) {
      classes[spec.name] = new StorageClassV1(this, spec.name, {
        provider: props.provider,
        metadata: { name: spec.name, labels: { 'app.kubernetes.io/managed-by': 'cxunit' } },
        storageProvisioner: spec.provisioner!,
        parameters: { ...props.parameters[spec.name] },
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'WaitForFirstConsumer',
        allowVolumeExpansion: true,
      });
    }
    this.storageClasses = classes;
  }
}

/** Rows of the cloud's storage table that are StorageClasses the platform creates (not the cloud). */
export function classesToCreate(catalog: Catalog, cloud: StorageClass['cloud']): StorageClass[] {
  return catalog.storageClasses.filter((s) => s.cloud === cloud && s.provisioner !== null && s.createdByPlatform && s.createdByCloud !== true);
}
