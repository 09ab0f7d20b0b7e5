import { noServiceMeshAddon } from '../../../policies/gke/no-service-mesh-addon';
import { expected, violations } from './stack-fixtures';

const CLUSTER = 'google_container_cluster.unit_cluster';
const AT = 'resource.google_container_cluster.unit_cluster';

describe('gke.no-service-mesh-addon', () => {
  it('passes a disabled Istio add-on and fleet features other than the service mesh', () => {
    expect(violations(noServiceMeshAddon, 'gke/no-service-mesh-addon/compliant.json')).toEqual([]);
  });

  it('fails when istio_config.disabled is false (google-beta)', () => {
    expect(violations(noServiceMeshAddon, 'gke/no-service-mesh-addon/istio-enabled.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.addons_config.istio_config.disabled`,
      message: 'addons_config.istio_config.disabled is false, which enables the Istio add-on: the GKE Service Mesh add-on is not supported; remove istio_config',
    }));
  });

  it('fails when istio_config is set without disabled', () => {
    expect(violations(noServiceMeshAddon, 'gke/no-service-mesh-addon/istio-without-disabled.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.addons_config.istio_config`,
      message: 'addons_config.istio_config is set without disabled = true, which enables the Istio add-on: the GKE Service Mesh add-on is not supported; remove istio_config',
    }));
  });

  it('fails on the fleet servicemesh feature', () => {
    expect(violations(noServiceMeshAddon, 'gke/no-service-mesh-addon/fleet-servicemesh.json')).toEqual(expected({
      address: 'google_gke_hub_feature.mesh',
      path: 'resource.google_gke_hub_feature.mesh.name',
      message: 'fleet feature "servicemesh" enables the managed service mesh (Istio): not supported; remove it and deploy Consul',
    }));
  });

  it('fails on a fleet default mesh configuration', () => {
    expect(violations(noServiceMeshAddon, 'gke/no-service-mesh-addon/fleet-default-mesh.json')).toEqual(expected(
      {
        address: 'google_gke_hub_feature.mesh',
        path: 'resource.google_gke_hub_feature.mesh.name',
        message: 'fleet feature "servicemesh" enables the managed service mesh (Istio): not supported; remove it and deploy Consul',
      },
      {
        address: 'google_gke_hub_feature.mesh',
        path: 'resource.google_gke_hub_feature.mesh.fleet_default_member_config.mesh',
        message: 'fleet_default_member_config.mesh enables the managed service mesh on every member cluster: not supported; remove it',
      },
    ));
  });

  it('fails on a feature membership with a mesh block', () => {
    expect(violations(noServiceMeshAddon, 'gke/no-service-mesh-addon/membership-mesh.json')).toEqual(expected({
      address: 'google_gke_hub_feature_membership.mesh',
      path: 'resource.google_gke_hub_feature_membership.mesh.mesh',
      message: 'feature membership sets mesh, which enables the managed service mesh on the cluster: not supported; remove the mesh block',
    }));
  });

  it('fails on the google-beta plan shape and passes a membership whose mesh is []', () => {
    expect(violations(noServiceMeshAddon, 'gke/no-service-mesh-addon/istio.plan.json')).toEqual(expected({
      address: CLUSTER,
      path: 'planned_values.root_module.resources[0].values.addons_config[0].istio_config[0].disabled',
      message: 'addons_config.istio_config.disabled is false, which enables the Istio add-on: the GKE Service Mesh add-on is not supported; remove istio_config',
    }));
  });

  it('cannot verify an unresolved istio_config.disabled', () => {
    expect(violations(noServiceMeshAddon, 'gke/no-service-mesh-addon/istio-unresolved.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.addons_config.istio_config.disabled`,
      message: 'cannot verify that the Istio add-on is off: addons_config.istio_config.disabled is an unresolved reference (${var.istio_disabled})',
      cannotVerify: true,
    }));
  });
});
