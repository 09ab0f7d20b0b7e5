import { StorageClass } from '../../lib/architecture/types';
import { Rule, Violation } from '../../lib/policy/model';
import { formatReference, SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, show } from '../shared/findings';
import { KubernetesObject, kubernetesObjects, objectName, readField, STORAGE_CLASS_TYPES } from '../shared/kubernetes-objects';
import { buildsGkeCluster, hostsUnit, missingResourcePath, STACK_ADDRESS } from '../shared/stack';
import { catalogOf } from '../shared/catalog';

/**
 * StorageClass parameters that select the catalog's storage type: the Filestore CSI driver's `tier`
 * ("Basic HDD" is tier `standard`) and the PD CSI driver's disk `type`. Google's parameter names, not in 003.
 */
const PARAMETERS_BY_STORAGE_TYPE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'Filestore - Enterprise': { tier: 'enterprise' },
  'Filestore - Basic HDD': { tier: 'standard' },
  'pd-balanced (SSD)': { type: 'pd-balanced' },
  'pd-ssd (SSD)': { type: 'pd-ssd' },
};

/** Provisioners of GKE's CSI drivers end so; a class using one targets a GKE cluster. */
const GKE_PROVISIONER_SUFFIX = '.storage.gke.io';

export const storageClasses: Rule = {
  id: 'kubernetes.storage-classes',
  pack: 'kubernetes',
  title: 'The platform\'s storage classes exist, and GKE\'s own are not redeclared',
  severity: 'error',
  rationale: '003 "Storage requirements > File and disk storage for GKE" names the classes the services use (catalog: '
    + 'storage-classes.yaml). GKE creates standard-rwo and premium-rwo itself, and standard-rwx once the Filestore CSI '
    + 'driver is on (catalog createdByCloud): declaring them again fails at apply with AlreadyExists. The platform must '
    + 'create the others (redundant-rwx: Filestore Enterprise, provisioner filestore.csi.storage.gke.io, tier '
    + 'enterprise) in every stack that builds a GKE cluster and manages its Kubernetes objects (or is a cxunit unit). '
    + 'A declared class with a Genesys name must use the catalog\'s provisioner and the parameters of its storage '
    + 'type. Applies to stacks that build a GKE cluster or declare a class with a GKE provisioner.',
  reference: { document: SETUP_DOCUMENT, section: 'Storage requirements > File and disk storage for GKE' },
  remediation: 'Declare kubernetes_storage_class_v1 "redundant-rwx" with storage_provisioner = '
    + '"filestore.csi.storage.gke.io" and parameters { tier = "enterprise" }; remove declarations of standard-rwo, '
    + 'premium-rwo and standard-rwx (use GKE\'s).',
  suppressible: true,
  evaluate(stack, context) {
    const catalogClasses = catalogOf(context).storageClasses.filter((c) => c.cloud === 'gke' && c.provisioner !== null);
    const { objects, unreadable } = kubernetesObjects(stack, ['StorageClass'], STORAGE_CLASS_TYPES);
    const declared = objects.map((object) => ({ object, name: objectName(object), provisioner: provisionerOf(object) }));
    const targetsGke = buildsGkeCluster(stack)
      || declared.some(({ provisioner }) => provisioner.kind === 'value' && String(provisioner.value).endsWith(GKE_PROVISIONER_SUFFIX));
    if (!targetsGke) return [];

    const violations: Violation[] = [];
    for (const { object, name, provisioner } of declared) {
      const { resource } = object;
      if (name.kind === 'unknown') {
        violations.push(cannotVerify(resource, name, 'which storage class this is'));
        continue;
      }
      const entry = catalogClasses.find((c) => name.kind === 'value' && c.name === name.value);
      if (!entry) continue;
      const reference = formatReference(entry.reference);
      if (entry.createdByCloud === true) {
        violations.push({ address: resource.address, path: name.path, message: `StorageClass "${entry.name}" is created by GKE itself: declaring it fails at apply with AlreadyExists; remove it and use GKE's class`, reference });
        continue;
      }
      if (provisioner.kind === 'unknown') violations.push({ ...cannotVerify(resource, provisioner, `the provisioner of StorageClass "${entry.name}"`), reference });
      else if (provisioner.kind === 'absent' || provisioner.value !== entry.provisioner) {
        const actual = provisioner.kind === 'absent' ? 'sets no provisioner' : `uses provisioner ${show(provisioner.value)}`;
        violations.push({ address: resource.address, path: provisioner.path, message: `StorageClass "${entry.name}" ${actual}: ${entry.storageType} needs "${entry.provisioner}"`, reference });
      }
      violations.push(...checkParameters(object, entry).map((v) => ({ ...v, reference })));
    }

    if (buildsGkeCluster(stack) && hostsUnit(stack)) {
      const unsure = unreadable.length > 0 || declared.some(({ name }) => name.kind === 'unknown');
      for (const entry of catalogClasses.filter((c) => c.createdByPlatform && c.createdByCloud === false)) {
        if (declared.some(({ name }) => name.kind === 'value' && name.value === entry.name)) continue;
        violations.push({
          address: STACK_ADDRESS,
          path: missingResourcePath(stack, STORAGE_CLASS_TYPES[0]),
          message: unsure
            ? `cannot verify that StorageClass "${entry.name}" exists: some storage classes or manifests cannot be read`
            : `StorageClass "${entry.name}" (${entry.storageType}) is missing and GKE does not create it: add a ${STORAGE_CLASS_TYPES[0]} named "${entry.name}" with provisioner "${entry.provisioner}"`,
          reference: formatReference(entry.reference),
          ...(unsure ? { cannotVerify: true } : {}),
        });
      }
    }
    return violations;
  },
};

function provisionerOf(object: KubernetesObject) {
  return readField(object, ['storage_provisioner'], ['provisioner']);
}

function checkParameters(object: KubernetesObject, entry: StorageClass): Violation[] {
  const violations: Violation[] = [];
  for (const [parameter, wanted] of Object.entries(PARAMETERS_BY_STORAGE_TYPE[entry.storageType] ?? {})) {
    const value = readField(object, ['parameters', parameter]);
    if (value.kind === 'unknown') violations.push(cannotVerify(object.resource, value, `the ${parameter} of StorageClass "${entry.name}"`));
    else if (value.kind === 'absent' || String(value.value).toLowerCase() !== wanted) {
      const actual = value.kind === 'absent' ? `sets no parameters.${parameter}` : `sets parameters.${parameter} = ${show(value.value)}`;
      violations.push({ address: object.resource.address, path: value.path, message: `StorageClass "${entry.name}" ${actual}: ${entry.storageType} needs ${parameter} "${wanted}"` });
    }
  }
  return violations;
}
