import { Catalog } from '../../lib/architecture/catalog';
import { classesToCreate } from '../../lib/kubernetes/storage-classes';
import { resourcesOf, synthesizeKubernetesObjects, TerraformJson } from '../../lib/testing/synth';

const catalog = Catalog.default();

function names(json: TerraformJson, type: string): string[] {
  return Object.values(resourcesOf(json, type)).map((r) => r.metadata.name).sort();
}

describe('namespaces and priority classes (cloud-neutral)', () => {
  let json: TerraformJson;
  beforeAll(() => {
    json = synthesizeKubernetesObjects();
  });

  it('creates every namespace of 003 "Creating namespaces" when all service groups are enabled', () => {
    expect(names(json, 'kubernetes_namespace_v1')).toEqual([
      'bds', 'cxc', 'designer', 'gauth', 'gca', 'gcxi', 'ges', 'gim', 'gluswfm', 'gsp', 'gvp', 'gws',
      'iwd', 'iwddm', 'iwdem', 'ixn', 'nexus', 'pulse', 'tlm', 'ucsx', 'voice', 'webrtc',
    ]);
    expect(new Set(catalog.serviceGroups.flatMap((g) => g.namespaces)).size).toBe(22);
  });

  it('labels the namespaces and binds them to the given provider', () => {
    for (const namespace of Object.values(resourcesOf(json, 'kubernetes_namespace_v1'))) {
      expect(namespace.provider).toBe('kubernetes');
      expect(namespace.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'cxunit' });
    }
  });

  it('creates the priority classes with the documented names, values and descriptions, none global default', () => {
    const classes = Object.values(resourcesOf(json, 'kubernetes_priority_class_v1')).map((c) => ({ name: c.metadata.name, value: c.value, global_default: c.global_default, description: c.description }))
      .sort((a, b) => b.value - a.value);
    expect(classes).toEqual(catalog.priorityClasses.map((c) => ({ name: c.name, value: c.value, global_default: false, description: c.description })));
    expect(classes.map((c) => [c.name, c.value])).toEqual([
      ['genesysengage-critical-priority', 10000000],
      ['genesysengage-high-priority', 1000000],
      ['genesysengage-medium-priority', 100000],
      ['genesysengage-low-priority', 0],
    ]);
  });

  it('creates no storage class unless asked', () => {
    expect(resourcesOf(json, 'kubernetes_storage_class_v1')).toEqual({});
  });
});

describe('namespaces of some service groups', () => {
  it('creates each namespace once, in the table\'s order, for groups that share one', () => {
    const json = synthesizeKubernetesObjects({ serviceGroups: ['iwd', 'voice', 'voice-tenants', 'gim'] });
    expect(names(json, 'kubernetes_namespace_v1')).toEqual(['gca', 'gim', 'gsp', 'iwd', 'iwddm', 'iwdem', 'voice']);
  });

  it('fails on an unknown service group', () => {
    expect(() => synthesizeKubernetesObjects({ serviceGroups: ['voice', 'nope'] })).toThrow(
      'service group "nope" is not in the catalog (003 "Creating namespaces"): use one of designer, gws, ges, gim, gcxi, pulse, nexus, ixn, ucsx, iwd, cxc, gvp, webrtc, voice, voice-tenants, voice-legacy, gluswfm, tlm, bds, gauth');
  });
});

describe('storage classes', () => {
  it('on GKE, creates only redundant-rwx: GKE creates standard-rwo, premium-rwo and standard-rwx itself', () => {
    expect(classesToCreate(catalog, 'gke').map((s) => s.name)).toEqual(['redundant-rwx']);
    const json = synthesizeKubernetesObjects({ storage: { cloud: 'gke', parameters: { 'redundant-rwx': { tier: 'enterprise', network: 'usw1-vpc' } } } });
    const classes = Object.values(resourcesOf(json, 'kubernetes_storage_class_v1'));
    expect(classes.map((c) => Object.fromEntries(Object.entries(c).filter(([key]) => key !== '//')))).toEqual([{
      provider: 'kubernetes',
      metadata: { name: 'redundant-rwx', labels: { 'app.kubernetes.io/managed-by': 'cxunit' } },
      storage_provisioner: 'filestore.csi.storage.gke.io',
      parameters: { tier: 'enterprise', network: 'usw1-vpc' },
      reclaim_policy: 'Delete',
      volume_binding_mode: 'WaitForFirstConsumer',
      allow_volume_expansion: true,
    }]);
  });

  it('on AKS, would create the classes of the AKS table that have a provisioner (AKS units come later)', () => {
    expect(classesToCreate(catalog, 'aks').map((s) => s.name)).toEqual(['disk-standard', 'disk-premium', 'files-standard', 'files-standard-redundant']);
  });

  it('fails when a class to create has no parameters', () => {
    expect(() => synthesizeKubernetesObjects({ storage: { cloud: 'gke', parameters: {} } })).toThrow(
      'storage class "redundant-rwx" has no parameters: give parameters["redundant-rwx"] (its provisioner filestore.csi.storage.gke.io needs them)');
  });

  it('fails when parameters name a class the cloud creates itself', () => {
    expect(() => synthesizeKubernetesObjects({ storage: { cloud: 'gke', parameters: { 'redundant-rwx': { tier: 'enterprise' }, 'standard-rwo': { type: 'pd-balanced' } } } })).toThrow(
      'parameters["standard-rwo"] is not a storage class the platform creates on gke: use one of redundant-rwx');
  });

  it('fails when a customer-managed key is given', () => {
    expect(() => synthesizeKubernetesObjects({ storage: { cloud: 'gke', parameters: { 'redundant-rwx': { tier: 'enterprise', 'instance-encryption-kms-key': 'projects/p/locations/l/keyRings/r/cryptoKeys/k' } } } })).toThrow(
      'storage class "redundant-rwx" sets instance-encryption-kms-key: customer-managed keys are not supported (003 "GKE > Not supported"); remove the parameter');
  });
});
