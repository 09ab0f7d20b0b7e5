import { Catalog } from '../../../lib/architecture/catalog';
import { storageClasses } from '../../../policies/kubernetes/storage-classes';
import { formatReference } from '../../../policies/shared/document';
import { expected, violations } from '../gke/stack-fixtures';

const catalog = Catalog.default();
const gkeClass = (name: string) => {
  const found = catalog.storageClasses.find((c) => c.cloud === 'gke' && c.name === name);
  if (!found) throw new Error(`catalog has no GKE storage class ${name}`);
  return found;
};
const redundantRwx = gkeClass('redundant-rwx');
const REDUNDANT_REF = formatReference(redundantRwx.reference);
const CLASS = 'kubernetes_storage_class_v1.redundant_rwx';
const AT = 'resource.kubernetes_storage_class_v1.redundant_rwx';

describe('kubernetes.storage-classes', () => {
  it('reads what the platform must create and what GKE creates from the catalog', () => {
    const gke = catalog.storageClasses.filter((c) => c.cloud === 'gke' && c.provisioner !== null);
    expect(gke.filter((c) => c.createdByCloud === false).map((c) => c.name)).toEqual(['redundant-rwx']);
    expect(gke.filter((c) => c.createdByCloud === true).map((c) => c.name)).toEqual(['standard-rwo', 'premium-rwo', 'standard-rwx']);
    expect(redundantRwx).toMatchObject({ provisioner: 'filestore.csi.storage.gke.io', storageType: 'Filestore - Enterprise' });
  });

  it('passes a GKE stack with redundant-rwx on Filestore Enterprise', () => {
    expect(violations(storageClasses, 'kubernetes/storage-classes/compliant.json')).toEqual([]);
  });

  it('passes a StorageClass manifest (camelCase fields, tier in any case)', () => {
    expect(violations(storageClasses, 'kubernetes/storage-classes/compliant-manifest.json')).toEqual([]);
  });

  it('passes the plan shape', () => {
    expect(violations(storageClasses, 'kubernetes/storage-classes/compliant.plan.json')).toEqual([]);
  });

  it('judges an AKS stack by the AKS table of 003, not by GKE\'s', () => {
    const reference = 'Setting up Genesys Multicloud CX Private Edition, File and disk storage for AKS, row';
    expect(violations(storageClasses, 'kubernetes/storage-classes/not-gke.json').map((v) => [v.address, v.message, v.reference])).toEqual([
      ['stack', 'StorageClass "disk-premium" (Azure Disk - Premium) is missing and AKS does not create it: add a kubernetes_storage_class_v1 named "disk-premium" with provisioner "disk.csi.azure.com"', `${reference} "disk-standard<br>disk-premium"`],
      ['stack', 'StorageClass "disk-standard" (Azure Disk - Standard) is missing and AKS does not create it: add a kubernetes_storage_class_v1 named "disk-standard" with provisioner "disk.csi.azure.com"', `${reference} "disk-standard<br>disk-premium"`],
      ['stack', 'StorageClass "files-standard-redundant" (Azure Files - Premium Fileshare ZRS) is missing and AKS does not create it: add a kubernetes_storage_class_v1 named "files-standard-redundant" with provisioner "file.csi.azure.com"', `${reference} "files-standard-redundant"`],
      ['stack', 'StorageClass "files-standard" (Azure Files - Standard Fileshare LRS) is missing and AKS does not create it: add a kubernetes_storage_class_v1 named "files-standard" with provisioner "file.csi.azure.com"', `${reference} "files-standard"`],
    ]);
  });

  it.each(['aks-compliant.json', 'aks-compliant-arrays.json'])('passes the four AKS classes with their SKUs (%s)', (fixture) => {
    expect(violations(storageClasses, `kubernetes/storage-classes/${fixture}`)).toEqual([]);
  });

  it.each([
    ['aks-redundant-lrs.json', 'Premium_LRS', 'resource.kubernetes_storage_class_v1.files_standard_redundant.parameters.skuName'],
    ['aks-redundant-lrs-arrays.json', 'Standard_LRS', 'resource.kubernetes_storage_class_v1.files_standard_redundant.parameters.skuName'],
  ])('fails files-standard-redundant on a locally redundant SKU (%s)', (fixture, sku, path) => {
    expect(violations(storageClasses, `kubernetes/storage-classes/${fixture}`)).toEqual(expected({
      address: 'kubernetes_storage_class_v1.files_standard_redundant',
      path,
      message: `StorageClass "files-standard-redundant" sets parameters.skuName = "${sku}": Azure Files - Premium Fileshare ZRS needs skuName "Premium_ZRS"`,
      reference: 'Setting up Genesys Multicloud CX Private Edition, File and disk storage for AKS, row "files-standard-redundant"',
    }));
  });

  it('fails a GKE stack without redundant-rwx', () => {
    expect(violations(storageClasses, 'kubernetes/storage-classes/missing.json')).toEqual(expected({
      address: 'stack',
      path: 'resource.kubernetes_storage_class_v1',
      message: `StorageClass "redundant-rwx" (${redundantRwx.storageType}) is missing and GKE does not create it: add a kubernetes_storage_class_v1 named "redundant-rwx" with provisioner "${redundantRwx.provisioner}"`,
      reference: REDUNDANT_REF,
    }));
  });

  it('fails declarations of classes GKE creates itself (AlreadyExists at apply)', () => {
    expect(violations(storageClasses, 'kubernetes/storage-classes/redeclares-gke-classes.json')).toEqual(expected(
      {
        address: 'kubernetes_storage_class_v1.standard_rwo',
        path: 'resource.kubernetes_storage_class_v1.standard_rwo.metadata.name',
        message: 'StorageClass "standard-rwo" is created by GKE itself: declaring it fails at apply with AlreadyExists; remove it and use GKE\'s class',
        reference: formatReference(gkeClass('standard-rwo').reference),
      },
      {
        address: 'kubernetes_storage_class.premium_rwo',
        path: 'resource.kubernetes_storage_class.premium_rwo.metadata.name',
        message: 'StorageClass "premium-rwo" is created by GKE itself: declaring it fails at apply with AlreadyExists; remove it and use GKE\'s class',
        reference: formatReference(gkeClass('premium-rwo').reference),
      },
    ));
  });

  it('fails a redeclared GKE class in a Kubernetes-only stack recognised by its GKE provisioner', () => {
    expect(violations(storageClasses, 'kubernetes/storage-classes/kubernetes-only-stack.json')).toEqual(expected({
      address: 'kubernetes_storage_class_v1.standard_rwx',
      path: 'resource.kubernetes_storage_class_v1.standard_rwx.metadata.name',
      message: 'StorageClass "standard-rwx" is created by GKE itself: declaring it fails at apply with AlreadyExists; remove it and use GKE\'s class',
      reference: formatReference(gkeClass('standard-rwx').reference),
    }));
  });

  it('fails redundant-rwx with another provisioner', () => {
    expect(violations(storageClasses, 'kubernetes/storage-classes/wrong-provisioner.json')).toEqual(expected({
      address: CLASS,
      path: `${AT}.storage_provisioner`,
      message: 'StorageClass "redundant-rwx" uses provisioner "kubernetes.io/gce-pd": Filestore - Enterprise needs "filestore.csi.storage.gke.io"',
      reference: REDUNDANT_REF,
    }));
  });

  it('fails redundant-rwx on another Filestore tier', () => {
    expect(violations(storageClasses, 'kubernetes/storage-classes/wrong-tier.json')).toEqual(expected({
      address: CLASS,
      path: `${AT}.parameters.tier`,
      message: 'StorageClass "redundant-rwx" sets parameters.tier = "standard": Filestore - Enterprise needs tier "enterprise"',
      reference: REDUNDANT_REF,
    }));
  });

  it('fails redundant-rwx without a tier (the driver defaults to Basic HDD)', () => {
    expect(violations(storageClasses, 'kubernetes/storage-classes/tier-unset.json')).toEqual(expected({
      address: CLASS,
      path: `${AT}.parameters.tier`,
      message: 'StorageClass "redundant-rwx" sets no parameters.tier: Filestore - Enterprise needs tier "enterprise"',
      reference: REDUNDANT_REF,
    }));
  });

  it('cannot verify a class whose name is unresolved, nor that redundant-rwx exists', () => {
    expect(violations(storageClasses, 'kubernetes/storage-classes/name-unresolved.json')).toEqual(expected(
      {
        address: CLASS,
        path: `${AT}.metadata.name`,
        message: 'cannot verify which storage class this is: metadata.name is an unresolved reference (${var.file_class})',
        cannotVerify: true,
      },
      {
        address: 'stack',
        path: 'resource.kubernetes_storage_class_v1',
        message: 'cannot verify that StorageClass "redundant-rwx" exists: some storage classes or manifests cannot be read',
        cannotVerify: true,
        reference: REDUNDANT_REF,
      },
    ));
  });
});
