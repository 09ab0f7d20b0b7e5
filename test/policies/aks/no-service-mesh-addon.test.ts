import { noServiceMeshAddon } from '../../../policies/aks/no-service-mesh-addon';
import { CLUSTER, cluster, compliantUnit, expectInBothShapes, pathIn, unitWith } from './aks-fixtures';

describe('aks.no-service-mesh-addon', () => {
  it('passes a cluster without a mesh add-on', () => {
    expectInBothShapes(noServiceMeshAddon, compliantUnit(), () => []);
  });

  it('fails the Istio add-on and Open Service Mesh', () => {
    expectInBothShapes(noServiceMeshAddon, unitWith((d) => { cluster(d).service_mesh_profile = { mode: 'Istio', revisions: ['asm-1-25'] }; cluster(d).open_service_mesh_enabled = true; }), (shape) => [
      { address: CLUSTER, path: pathIn(shape, CLUSTER, 'service_mesh_profile'), message: 'service_mesh_profile is set (mode "Istio"), which installs the AKS Istio add-on: the services require Consul Service Mesh; remove the block' },
      { address: CLUSTER, path: pathIn(shape, CLUSTER, 'open_service_mesh_enabled'), message: 'open_service_mesh_enabled is true, which installs Open Service Mesh: the services require Consul Service Mesh; remove it' },
    ]);
  });
});
