import { Catalog } from '../../../lib/architecture/catalog';
import { ServiceGroup } from '../../../lib/architecture/types';
import { Violation } from '../../../lib/policy/model';
import { namespaces } from '../../../policies/kubernetes/namespaces';
import { formatReference } from '../../../policies/shared/document';
import { expected, violations } from '../gke/stack-fixtures';

const catalog = Catalog.default();

/** The finding for a missing namespace, built from the catalog's groups that need it. */
function missing(namespace: string, path = 'resource.kubernetes_namespace_v1'): Violation {
  const owners = catalog.serviceGroups.filter((g) => g.namespaces.includes(namespace));
  return {
    address: 'stack',
    path,
    message: `namespace "${namespace}" of service group${owners.length > 1 ? 's' : ''} ${owners.map((g) => `"${g.group}"`).join(', ')} is missing: add a kubernetes_namespace_v1 named "${namespace}"`,
    reference: formatReference(owners[0].reference),
  };
}

function everyNamespaceBut(...present: string[]): string[] {
  return [...new Set(catalog.serviceGroups.flatMap((g: ServiceGroup) => g.namespaces))].filter((n) => !present.includes(n));
}

describe('kubernetes.namespaces', () => {
  it('passes a stack without metadata that has every catalog namespace (typed, deprecated typed and manifest)', () => {
    expect(violations(namespaces, 'kubernetes/namespaces/compliant-all-groups.json')).toEqual([]);
  });

  it('passes a unit whose enabled groups have their namespaces (groups sharing "voice" need it once)', () => {
    expect(violations(namespaces, 'kubernetes/namespaces/compliant-metadata.json')).toEqual([]);
  });

  it('passes a stack that is not a unit\'s (no cluster, no Kubernetes objects, no metadata)', () => {
    expect(violations(namespaces, 'kubernetes/namespaces/not-a-unit-stack.json')).toEqual([]);
  });

  it('fails each missing namespace of the enabled groups', () => {
    expect(violations(namespaces, 'kubernetes/namespaces/missing-with-metadata.json')).toEqual(expected(
      missing('gca'), missing('gsp'), missing('iwddm'), missing('iwdem'),
    ));
    expect(missing('gca').message).toBe('namespace "gca" of service group "Historical Reporting Back-end (GIM)" is missing: add a kubernetes_namespace_v1 named "gca"');
  });

  it('reports a namespace shared by several groups once, naming every group', () => {
    expect(violations(namespaces, 'kubernetes/namespaces/shared-namespace-missing.json')).toEqual(expected({
      address: 'stack',
      path: 'resource.kubernetes_namespace_v1',
      message: 'namespace "voice" of service groups "Voice Microservices", "Voice Tenants", "Voice Legacy (Config, Stat Server, URS, OCS)" is missing: add a kubernetes_namespace_v1 named "voice"',
      reference: formatReference(catalog.serviceGroup('voice')!.reference),
    }));
  });

  it('requires every group\'s namespaces when the stack has no metadata', () => {
    const list = violations(namespaces, 'kubernetes/namespaces/missing-without-metadata.json');
    expect(list).toEqual(expected(...everyNamespaceBut('voice').map((n) => missing(n))));
    expect(list).toHaveLength(21);
  });

  it('reads the plan shape (metadata as a one-element list); a plan read without its cdk.tf.json has no metadata, so every group counts', () => {
    expect(violations(namespaces, 'kubernetes/namespaces/voice.plan.json'))
      .toEqual(expected(...everyNamespaceBut('voice').map((n) => missing(n, 'planned_values.root_module.resources'))));
  });

  it('fails an unknown service group in the metadata', () => {
    expect(violations(namespaces, 'kubernetes/namespaces/unknown-group.json')).toEqual(expected({
      address: 'stack',
      path: '//.cxunit.serviceGroups[1]',
      message: `unknown service group "chat" in the stack's cxunit metadata: use one of ${catalog.serviceGroups.map((g) => g.key).join(', ')}`,
    }));
  });

  it('cannot verify a namespace whose name is unresolved, nor the namespace it may be', () => {
    const voice = missing('voice');
    expect(violations(namespaces, 'kubernetes/namespaces/name-unresolved.json')).toEqual(expected(
      {
        address: 'kubernetes_namespace_v1.voice',
        path: 'resource.kubernetes_namespace_v1.voice.metadata.name',
        message: 'cannot verify the namespace\'s name: metadata.name is an unresolved reference (${var.voice_namespace})',
        cannotVerify: true,
      },
      {
        ...voice,
        message: 'cannot verify that namespace "voice" exists (service group "Voice Microservices"): some namespaces or manifests cannot be read',
        cannotVerify: true,
      },
    ));
  });
});
