import { Rule, Violation } from '../../lib/policy/model';
import { read } from '../../lib/policy/values';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, isTrue, readBlock, show } from '../shared/findings';
import { aksClusters } from '../shared/aks';
import { aksNotApplicable } from '../shared/applicability';

export const noServiceMeshAddon: Rule = {
  id: 'aks.no-service-mesh-addon',
  pack: 'aks',
  title: 'No AKS service mesh add-on (Istio, Open Service Mesh): the services need Consul',
  severity: 'error',
  rationale: '003 "Network settings > Service Mesh" (platform-neutral): "Genesys Multicloud CX services require Consul '
    + 'Service Mesh"; 003 "Third-party dependencies": Consul and Consul Service Mesh are required. The sentence that '
    + 'rules out the cloud\'s own Istio mesh is in "GKE > Not supported" and applies to AKS by analogy: the AKS Istio '
    + 'add-on (`service_mesh_profile`) and Open Service Mesh (`open_service_mesh_enabled`) inject a second sidecar '
    + 'into the same pods as Consul\'s. Suppressible, since no AKS sentence names them.',
  reference: { document: SETUP_DOCUMENT, section: 'Network settings > Service Mesh' },
  remediation: 'Remove `service_mesh_profile` and `open_service_mesh_enabled` from the cluster; deploy Consul Service Mesh.',
  suppressible: true,
  notApplicable: aksNotApplicable,
  evaluate(stack) {
    const violations: Violation[] = [];
    for (const cluster of aksClusters(stack)) {
      const mesh = readBlock(cluster, 'service_mesh_profile');
      if (mesh.kind === 'unknown') violations.push(cannotVerify(cluster, mesh, 'that the Istio add-on is off'));
      else if (mesh.kind === 'value') {
        const mode = read(cluster, 'service_mesh_profile', 'mode');
        violations.push({ address: cluster.address, path: mesh.path, message: `service_mesh_profile is set${mode.kind === 'value' ? ` (mode ${show(mode.value)})` : ''}, which installs the AKS Istio add-on: the services require Consul Service Mesh; remove the block` });
      }
      const osm = read(cluster, 'open_service_mesh_enabled');
      if (osm.kind === 'unknown') violations.push(cannotVerify(cluster, osm, 'that Open Service Mesh is off'));
      else if (osm.kind === 'value' && isTrue(osm.value)) {
        violations.push({ address: cluster.address, path: osm.path, message: 'open_service_mesh_enabled is true, which installs Open Service Mesh: the services require Consul Service Mesh; remove it' });
      }
    }
    return violations;
  },
};
