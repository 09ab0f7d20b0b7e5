import { Rule, Violation } from '../../lib/policy/model';
import { read } from '../../lib/policy/values';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, isTrue, show } from '../shared/findings';
import { INGRESS_CLASS_TYPES, INGRESS_TYPES, kubernetesObjects, readField } from '../shared/kubernetes-objects';
import { gkeClusters } from '../shared/stack';
import { gkeNotApplicable } from '../shared/applicability';

/** The ingress classes the GKE Ingress controller serves (external and internal Application Load Balancers). */
export const GKE_INGRESS_CLASSES = ['gce', 'gce-internal'];
/** The controller name of GKE Ingress in an IngressClass. */
export const GKE_INGRESS_CONTROLLER = 'k8s.io/ingress-gce';
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export const noGkeIngress: Rule = {
  id: 'gke.no-gke-ingress',
  pack: 'gke',
  title: 'No GKE Ingress: ingress-nginx serves every Ingress',
  severity: 'error',
  rationale: '003 "GKE > Not supported": "GKE Ingress is not supported for the initial private edition GKE offering. '
    + 'Instead, private edition requires deploying ingress-nginx." The rule rejects Ingress objects of the GKE classes '
    + '(`gce`, `gce-internal`, by `spec.ingress_class_name` / `ingressClassName` or the `kubernetes.io/ingress.class` '
    + 'annotation) in typed resources and manifests, IngressClasses whose controller is GKE\'s, and a cluster whose '
    + 'HTTP load balancing add-on (the GKE Ingress controller, on by default) is not disabled: while it runs it also '
    + 'claims Ingresses that name no class.',
  reference: { document: SETUP_DOCUMENT, section: 'GKE > Not supported' },
  remediation: 'Set `addons_config.http_load_balancing.disabled = true` on the cluster and give every Ingress the '
    + 'ingress-nginx class (`spec.ingress_class_name = "nginx"`); remove IngressClasses with controller '
    + '"k8s.io/ingress-gce".',
  suppressible: false,
  notApplicable: gkeNotApplicable,
  evaluate(stack) {
    const violations: Violation[] = [];
    for (const cluster of gkeClusters(stack)) {
      const disabled = read(cluster, 'addons_config', 'http_load_balancing', 'disabled');
      if (disabled.kind === 'unknown') violations.push(cannotVerify(cluster, disabled, 'that the GKE Ingress controller is off'));
      else if (disabled.kind === 'absent') {
        violations.push({ address: cluster.address, path: disabled.path, message: 'addons_config.http_load_balancing.disabled is not set, so the HTTP load balancing add-on (the GKE Ingress controller) runs: set it to true' });
      } else if (!isTrue(disabled.value)) {
        violations.push({ address: cluster.address, path: disabled.path, message: `addons_config.http_load_balancing.disabled is ${show(disabled.value)}, so the HTTP load balancing add-on (the GKE Ingress controller) runs: set it to true` });
      }
    }

    const ingresses = kubernetesObjects(stack, ['Ingress'], INGRESS_TYPES);
    const ingressClasses = kubernetesObjects(stack, ['IngressClass'], INGRESS_CLASS_TYPES);
    for (const { resource, read: kind } of ingresses.unreadable) violations.push(cannotVerify(resource, kind, 'that the manifest is not a GKE Ingress'));
    for (const ingress of ingresses.objects) {
      const reads = [
        { what: ingress.style === 'resource' ? 'spec.ingress_class_name' : 'spec.ingressClassName', result: readField(ingress, ['spec', 'ingress_class_name'], ['spec', 'ingressClassName']) },
        { what: `the ${CLASS_ANNOTATION} annotation`, result: readField(ingress, ['metadata', 'annotations', CLASS_ANNOTATION]) },
      ];
      for (const { what, result } of reads) {
        if (result.kind === 'unknown') violations.push(cannotVerify(ingress.resource, result, 'that the Ingress does not use GKE Ingress'));
        else if (result.kind === 'value' && GKE_INGRESS_CLASSES.includes(String(result.value))) {
          violations.push({ address: ingress.resource.address, path: result.path, message: `${what} is ${show(result.value)}, a GKE Ingress class: GKE Ingress is not supported; use the ingress-nginx class` });
        }
      }
    }
    for (const ingressClass of ingressClasses.objects) {
      const controller = readField(ingressClass, ['spec', 'controller']);
      if (controller.kind === 'unknown') violations.push(cannotVerify(ingressClass.resource, controller, 'that the IngressClass is not GKE Ingress'));
      else if (controller.kind === 'value' && controller.value === GKE_INGRESS_CONTROLLER) {
        violations.push({ address: ingressClass.resource.address, path: controller.path, message: `IngressClass controller is "${GKE_INGRESS_CONTROLLER}" (GKE Ingress): not supported; use ingress-nginx's controller` });
      }
    }
    return violations;
  },
};
