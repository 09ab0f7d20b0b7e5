import { Catalog } from '../../lib/architecture/catalog';
import { StorageClass } from '../../lib/architecture/types';
import { Rule, StackInput, Violation } from '../../lib/policy/model';
import { formatReference, SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, show } from '../shared/findings';
import { KubernetesObject, kubernetesObjects, objectName, readField, STORAGE_CLASS_TYPES } from '../shared/kubernetes-objects';
import { buildsGkeCluster, hostsUnit, missingResourcePath, STACK_ADDRESS } from '../shared/stack';
import { buildsAksCluster } from '../shared/aks';
import { catalogOf } from '../shared/catalog';
import { kubernetesNotApplicable } from '../shared/applicability';

/**
 * StorageClass parameters that select the catalog's storage type, with the values that give it: the
 * Filestore CSI driver's `tier` ("Basic HDD" is tier `standard`), the PD CSI driver's disk `type`, and the
 * Azure Disk and Azure Files CSI drivers' `skuName`. The drivers' parameter names, not in 003. AKS:
 * "Azure Disk - Standard" is either Standard tier, locally redundant ("Use single AZ disks");
 * files-standard-redundant is "Azure Files - Premium, Fileshare ZRS".
 */
const PARAMETERS_BY_STORAGE_TYPE: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'Filestore - Enterprise': { tier: ['enterprise'] },
  'Filestore - Basic HDD': { tier: ['standard'] },
  'pd-balanced (SSD)': { type: ['pd-balanced'] },
  'pd-ssd (SSD)': { type: ['pd-ssd'] },
  'Azure Disk - Standard': { skuName: ['StandardSSD_LRS', 'Standard_LRS'] },
  'Azure Disk - Premium': { skuName: ['Premium_LRS'] },
  'Azure Files - Standard Fileshare LRS': { skuName: ['Standard_LRS'] },
  'Azure Files - Premium Fileshare ZRS': { skuName: ['Premium_ZRS'] },
};

/** Each cloud's storage table, how a stack shows it targets the cloud, and its CSI provisioners' suffix. */
const CLOUDS: ReadonlyArray<{ readonly cloud: StorageClass['cloud']; readonly name: string; readonly buildsCluster: (stack: StackInput) => boolean; readonly provisionerSuffix: string }> = [
  { cloud: 'gke', name: 'GKE', buildsCluster: buildsGkeCluster, provisionerSuffix: '.storage.gke.io' },
  { cloud: 'aks', name: 'AKS', buildsCluster: buildsAksCluster, provisionerSuffix: '.csi.azure.com' },
];

export const storageClasses: Rule = {
  id: 'kubernetes.storage-classes',
  pack: 'kubernetes',
  title: 'The platform\'s storage classes exist with their documented storage types, and the cloud\'s own are not redeclared',
  severity: 'error',
  rationale: '003 "Storage requirements > File and disk storage for GKE" names the classes the services use (catalog: '
    + 'storage-classes.yaml). GKE creates standard-rwo and premium-rwo itself, and standard-rwx once the Filestore CSI '
    + 'driver is on (catalog createdByCloud): declaring them again fails at apply with AlreadyExists. The platform must '
    + 'create the others (redundant-rwx: Filestore Enterprise, provisioner filestore.csi.storage.gke.io, tier '
    + 'enterprise) in every stack that builds a GKE cluster and manages its Kubernetes objects (or is a cxunit unit). '
    + 'A declared class with a Genesys name must use the catalog\'s provisioner and the parameters of its storage '
    + 'type. The same holds for AKS with 003 "File and disk '
    + 'storage for AKS": disk-standard and disk-premium (Azure Disk, locally redundant: "single AZ disks"), '
    + 'files-standard (Azure Files, LRS) and files-standard-redundant (Azure Files Premium, ZRS), all created by the '
    + 'platform (AKS\'s own classes have other names). Applies to stacks that build a cluster of the cloud or declare '
    + 'a class with one of its CSI provisioners.',
  reference: { document: SETUP_DOCUMENT, section: 'Storage requirements > File and disk storage for GKE' },
  remediation: 'GKE: declare kubernetes_storage_class_v1 "redundant-rwx" with storage_provisioner = '
    + '"filestore.csi.storage.gke.io" and parameters { tier = "enterprise" }; remove declarations of standard-rwo, '
    + 'premium-rwo and standard-rwx (use GKE\'s). AKS: declare disk-standard and disk-premium (disk.csi.azure.com, '
    + 'skuName StandardSSD_LRS and Premium_LRS), files-standard (file.csi.azure.com, Standard_LRS) and '
    + 'files-standard-redundant (file.csi.azure.com, Premium_ZRS).',
  suppressible: true,
  notApplicable: kubernetesNotApplicable,
  evaluate(stack, context) {
    const catalog = catalogOf(context);
    return CLOUDS.flatMap((cloud) => evaluateCloud(stack, cloud, catalog));
  },
};

function evaluateCloud(stack: StackInput, cloud: typeof CLOUDS[number], catalog: Catalog): Violation[] {
  const catalogClasses = catalog.storageClasses.filter((c) => c.cloud === cloud.cloud && c.provisioner !== null);
  const { objects, unreadable } = kubernetesObjects(stack, ['StorageClass'], STORAGE_CLASS_TYPES);
  const declared = objects.map((object) => ({ object, name: objectName(object), provisioner: provisionerOf(object) }));
  const targetsCloud = cloud.buildsCluster(stack)
    || declared.some(({ provisioner }) => provisioner.kind === 'value' && String(provisioner.value).endsWith(cloud.provisionerSuffix));
  if (!targetsCloud) return [];

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
      violations.push({ address: resource.address, path: name.path, message: `StorageClass "${entry.name}" is created by ${cloud.name} itself: declaring it fails at apply with AlreadyExists; remove it and use ${cloud.name}'s class`, reference });
      continue;
    }
    if (provisioner.kind === 'unknown') violations.push({ ...cannotVerify(resource, provisioner, `the provisioner of StorageClass "${entry.name}"`), reference });
    else if (provisioner.kind === 'absent' || provisioner.value !== entry.provisioner) {
      const actual = provisioner.kind === 'absent' ? 'sets no provisioner' : `uses provisioner ${show(provisioner.value)}`;
      violations.push({ address: resource.address, path: provisioner.path, message: `StorageClass "${entry.name}" ${actual}: ${entry.storageType} needs "${entry.provisioner}"`, reference });
    }
    violations.push(...checkParameters(object, entry).map((v) => ({ ...v, reference })));
  }

  if (cloud.buildsCluster(stack) && hostsUnit(stack)) {
    const unsure = unreadable.length > 0 || declared.some(({ name }) => name.kind === 'unknown');
    for (const entry of catalogClasses.filter((c) => c.createdByPlatform && c.createdByCloud !== true)) {
      if (declared.some(({ name }) => name.kind === 'value' && name.value === entry.name)) continue;
      violations.push({
        address: STACK_ADDRESS,
        path: missingResourcePath(stack, STORAGE_CLASS_TYPES[0]),
        message: unsure
          ? `cannot verify that StorageClass "${entry.name}" exists: some storage classes or manifests cannot be read`
          : `StorageClass "${entry.name}" (${entry.storageType}) is missing and ${cloud.name} does not create it: add a ${STORAGE_CLASS_TYPES[0]} named "${entry.name}" with provisioner "${entry.provisioner}"`,
        reference: formatReference(entry.reference),
        ...(unsure ? { cannotVerify: true } : {}),
      });
    }
  }
  return violations;
}

function provisionerOf(object: KubernetesObject) {
  return readField(object, ['storage_provisioner'], ['provisioner']);
}

function checkParameters(object: KubernetesObject, entry: StorageClass): Violation[] {
  const violations: Violation[] = [];
  for (const [parameter, wanted] of Object.entries(PARAMETERS_BY_STORAGE_TYPE[entry.storageType] ?? {})) {
    const value = readField(object, ['parameters', parameter]);
    if (value.kind === 'unknown') violations.push(cannotVerify(object.resource, value, `the ${parameter} of StorageClass "${entry.name}"`));
    else if (value.kind === 'absent' || !wanted.some((w) => w.toLowerCase() === String(value.value).toLowerCase())) {
      const actual = value.kind === 'absent' ? `sets no parameters.${parameter}` : `sets parameters.${parameter} = ${show(value.value)}`;
      const choices = wanted.map((w) => `"${w}"`).join(' or ');
      violations.push({ address: object.resource.address, path: value.path, message: `StorageClass "${entry.name}" ${actual}: ${entry.storageType} needs ${parameter} ${choices}` });
    }
  }
  return violations;
}
