import { Rule, Violation } from '../../lib/policy/model';
import { read } from '../../lib/policy/values';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify } from '../shared/findings';
import { describeZones, MINIMUM_ZONES, zonesOf } from '../shared/zones';
import { aksPoolSites } from '../shared/aks';
import { aksNotApplicable } from '../shared/applicability';

export const zones: Rule = {
  id: 'aks.zones',
  pack: 'aks',
  title: 'Every node pool spans at least three availability zones',
  severity: 'error',
  rationale: '003 "High availability and disaster recovery": "In the cloud architecture, high availability is achieved '
    + 'by deploying instances within different Availability Zones", and "Units": a unit "can be distributed across '
    + 'Availability Zones if the environment has them" (platform-neutral). On AKS a pool\'s `zones` places its nodes; '
    + 'without it the nodes have no zone placement at all. Three zones, as for GKE (gke.regional), so that the three '
    + 'recommended replicas of each service land in three zones. Every pool of the stack is checked, not only '
    + 'Genesys\' three: a system pool without zones takes the cluster\'s add-ons down with one zone.',
  reference: { document: SETUP_DOCUMENT, section: 'High availability and disaster recovery' },
  remediation: 'Set `zones = ["1", "2", "3"]` on the default pool and every node pool (changing the zones of a pool replaces it).',
  suppressible: true,
  notApplicable: aksNotApplicable,
  evaluate(stack) {
    const violations: Violation[] = [];
    for (const site of aksPoolSites(stack)) {
      const value = read(site.resource, ...site.at, 'zones');
      if (value.kind === 'unknown') {
        violations.push(cannotVerify(site.resource, value, `the zones of ${site.description}`));
        continue;
      }
      const list = value.kind === 'value' && Array.isArray(value.value) ? value.value : [];
      const { zones: distinct, unresolved } = zonesOf(list.map((z) => (typeof z === 'number' ? String(z) : z)));
      if (unresolved) violations.push({ address: site.resource.address, path: value.path, message: `cannot verify the zones of ${site.description}: some entries are unresolved references`, cannotVerify: true });
      else if (distinct.length < MINIMUM_ZONES) {
        const where = distinct.length === 0 ? 'sets no zones, so its nodes have no zone placement' : `spans ${describeZones(distinct)}`;
        violations.push({ address: site.resource.address, path: value.path, message: `${site.description} ${where}: spread it over at least ${MINIMUM_ZONES} availability zones (zones = ["1", "2", "3"])` });
      }
    }
    return violations;
  },
};
