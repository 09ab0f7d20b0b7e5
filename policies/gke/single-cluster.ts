import { Rule } from '../../lib/policy/model';
import { SETUP_DOCUMENT } from '../shared/document';
import { gkeClusters } from '../shared/stack';
import { gkeNotApplicable } from '../shared/applicability';

export const singleCluster: Rule = {
  id: 'gke.single-cluster',
  pack: 'gke',
  title: 'One GKE cluster per unit stack',
  severity: 'error',
  rationale: '003 "GKE > Not supported": "All private edition components must run in a single GKE cluster", and '
    + 'splitting services across clusters is not validated; 003 "Architecture > Kubernetes clusters": separate '
    + 'environments need separate clusters, never several instances in one. cxunit makes one stack per unit, so a '
    + 'stack with several clusters splits a unit. Suppressible: 003 "Creating namespaces > Namespace for third-party '
    + 'services" allows a separate cluster for back-end data stores, which may share the stack.',
  reference: { document: SETUP_DOCUMENT, section: 'GKE > Not supported' },
  remediation: 'Keep one google_container_cluster per unit stack; give each further environment or unit its own '
    + 'stack (an entry in stacks/units.yaml). Suppress with a reason for a data-store cluster.',
  suppressible: true,
  notApplicable: gkeNotApplicable,
  evaluate(stack) {
    const clusters = gkeClusters(stack);
    if (clusters.length <= 1) return [];
    const addresses = clusters.map((c) => c.address).join(', ');
    return clusters.map((cluster) => ({
      address: cluster.address,
      path: cluster.jsonPath,
      message: `the stack declares ${clusters.length} GKE clusters (${addresses}): all private edition components of a unit run in a single cluster; move other clusters to their own stacks`,
    }));
  },
};
