import { Rule, Violation } from '../../lib/policy/model';
import { read, resourcesOf } from '../../lib/policy/values';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, isTrue, readBlock, show } from '../shared/findings';
import { gkeClusters } from '../shared/stack';
import { gkeNotApplicable } from '../shared/applicability';

export const noServiceMeshAddon: Rule = {
  id: 'gke.no-service-mesh-addon',
  pack: 'gke',
  title: 'No GKE Service Mesh (Istio) add-on',
  severity: 'error',
  rationale: '003 "GKE > Not supported": "The GKE Service Mesh add-on, which uses Istio, is not supported. Customers '
    + 'must deploy the Consul Service Mesh instead." The Istio add-on exists only in the google-beta provider '
    + '(`addons_config.istio_config`, enabled unless `disabled = true`) and cannot be expressed with the cdktf 6.50 '
    + 'bindings, so the rule reads raw JSON; the fleet\'s managed service mesh is `google_gke_hub_feature` named '
    + '`servicemesh` (or a fleet default `mesh` config) and `google_gke_hub_feature_membership` with a `mesh` block.',
  reference: { document: SETUP_DOCUMENT, section: 'GKE > Not supported' },
  remediation: 'Remove `addons_config.istio_config` (or set `disabled = true`), the `servicemesh` fleet feature and '
    + 'every feature membership `mesh` block; deploy Consul (003 "Software requirements > Third-party dependencies").',
  suppressible: false,
  notApplicable: gkeNotApplicable,
  evaluate(stack) {
    const violations: Violation[] = [];
    for (const cluster of gkeClusters(stack)) {
      const istio = readBlock(cluster, 'addons_config', 'istio_config');
      if (istio.kind === 'unknown') violations.push(cannotVerify(cluster, istio, 'that the Istio add-on is off'));
      if (istio.kind !== 'value') continue;
      const disabled = read(cluster, 'addons_config', 'istio_config', 'disabled');
      if (disabled.kind === 'unknown') violations.push(cannotVerify(cluster, disabled, 'that the Istio add-on is off'));
      else if (disabled.kind === 'absent') {
        violations.push({ address: cluster.address, path: istio.path, message: 'addons_config.istio_config is set without disabled = true, which enables the Istio add-on: the GKE Service Mesh add-on is not supported; remove istio_config' });
      } else if (!isTrue(disabled.value)) {
        violations.push({ address: cluster.address, path: disabled.path, message: `addons_config.istio_config.disabled is ${show(disabled.value)}, which enables the Istio add-on: the GKE Service Mesh add-on is not supported; remove istio_config` });
      }
    }
    for (const feature of resourcesOf(stack, 'google_gke_hub_feature')) {
      const name = read(feature, 'name');
      if (name.kind === 'unknown') violations.push(cannotVerify(feature, name, 'that the fleet feature is not the service mesh'));
      else if (name.kind === 'value' && String(name.value).toLowerCase() === 'servicemesh') {
        violations.push({ address: feature.address, path: name.path, message: 'fleet feature "servicemesh" enables the managed service mesh (Istio): not supported; remove it and deploy Consul' });
      }
      const fleetDefault = readBlock(feature, 'fleet_default_member_config', 'mesh');
      if (fleetDefault.kind === 'unknown') violations.push(cannotVerify(feature, fleetDefault, 'that the fleet has no default service mesh'));
      else if (fleetDefault.kind === 'value') {
        violations.push({ address: feature.address, path: fleetDefault.path, message: 'fleet_default_member_config.mesh enables the managed service mesh on every member cluster: not supported; remove it' });
      }
    }
    for (const membership of resourcesOf(stack, 'google_gke_hub_feature_membership')) {
      const mesh = readBlock(membership, 'mesh');
      if (mesh.kind === 'unknown') violations.push(cannotVerify(membership, mesh, 'that the membership enables no service mesh'));
      else if (mesh.kind === 'value') {
        violations.push({ address: membership.address, path: mesh.path, message: 'feature membership sets mesh, which enables the managed service mesh on the cluster: not supported; remove the mesh block' });
      }
    }
    return violations;
  },
};
