import { noGkeIngress } from '../../../policies/gke/no-gke-ingress';
import { expected, violations } from './stack-fixtures';

const CLUSTER = 'google_container_cluster.unit_cluster';
const AT = 'resource.google_container_cluster.unit_cluster';

describe('gke.no-gke-ingress', () => {
  it('passes a cluster without the GKE Ingress controller and nginx Ingresses', () => {
    expect(violations(noGkeIngress, 'gke/no-gke-ingress/compliant.json')).toEqual([]);
  });

  it('fails when http_load_balancing is not disabled (on by default)', () => {
    expect(violations(noGkeIngress, 'gke/no-gke-ingress/http-load-balancing-unset.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.addons_config.http_load_balancing`,
      message: 'addons_config.http_load_balancing.disabled is not set, so the HTTP load balancing add-on (the GKE Ingress controller) runs: set it to true',
    }));
  });

  it('fails when http_load_balancing.disabled is false', () => {
    expect(violations(noGkeIngress, 'gke/no-gke-ingress/http-load-balancing-enabled.json')).toEqual(expected({
      address: CLUSTER,
      path: `${AT}.addons_config.http_load_balancing.disabled`,
      message: 'addons_config.http_load_balancing.disabled is false, so the HTTP load balancing add-on (the GKE Ingress controller) runs: set it to true',
    }));
  });

  it('fails on an Ingress with ingress_class_name "gce"', () => {
    expect(violations(noGkeIngress, 'gke/no-gke-ingress/ingress-class-gce.json')).toEqual(expected({
      address: 'kubernetes_ingress_v1.gauth',
      path: 'resource.kubernetes_ingress_v1.gauth.spec.ingress_class_name',
      message: 'spec.ingress_class_name is "gce", a GKE Ingress class: GKE Ingress is not supported; use the ingress-nginx class',
    }));
  });

  it('fails on the kubernetes.io/ingress.class annotation "gce-internal"', () => {
    expect(violations(noGkeIngress, 'gke/no-gke-ingress/annotation-gce-internal.json')).toEqual(expected({
      address: 'kubernetes_ingress.gauth',
      path: 'resource.kubernetes_ingress.gauth.metadata.annotations.kubernetes.io/ingress.class',
      message: 'the kubernetes.io/ingress.class annotation is "gce-internal", a GKE Ingress class: GKE Ingress is not supported; use the ingress-nginx class',
    }));
  });

  it('fails on an Ingress manifest with ingressClassName "gce"', () => {
    expect(violations(noGkeIngress, 'gke/no-gke-ingress/manifest-ingress-gce.json')).toEqual(expected({
      address: 'kubernetes_manifest.gws_ingress',
      path: 'resource.kubernetes_manifest.gws_ingress.manifest.spec.ingressClassName',
      message: 'spec.ingressClassName is "gce", a GKE Ingress class: GKE Ingress is not supported; use the ingress-nginx class',
    }));
  });

  it('fails on an IngressClass whose controller is GKE Ingress', () => {
    expect(violations(noGkeIngress, 'gke/no-gke-ingress/ingress-class-controller.json')).toEqual(expected({
      address: 'kubernetes_ingress_class_v1.gce',
      path: 'resource.kubernetes_ingress_class_v1.gce.spec.controller',
      message: 'IngressClass controller is "k8s.io/ingress-gce" (GKE Ingress): not supported; use ingress-nginx\'s controller',
    }));
  });

  it('fails on the plan shape (metadata and spec as one-element lists)', () => {
    expect(violations(noGkeIngress, 'gke/no-gke-ingress/annotation.plan.json')).toEqual(expected({
      address: 'kubernetes_ingress_v1.gauth',
      path: 'planned_values.root_module.resources[0].values.metadata[0].annotations.kubernetes.io/ingress.class',
      message: 'the kubernetes.io/ingress.class annotation is "gce", a GKE Ingress class: GKE Ingress is not supported; use the ingress-nginx class',
    }));
  });

  it('cannot verify a manifest whose content is unresolved', () => {
    expect(violations(noGkeIngress, 'gke/no-gke-ingress/manifest-unreadable.json')).toEqual(expected({
      address: 'kubernetes_manifest.from_file',
      path: 'resource.kubernetes_manifest.from_file.manifest',
      message: 'cannot verify that the manifest is not a GKE Ingress: manifest is an unresolved reference (${yamldecode(file("ingress.yaml"))})',
      cannotVerify: true,
    }));
  });
});
