import { Rule, Violation } from '../../lib/policy/model';
import { read } from '../../lib/policy/values';
import { formatReference, SETUP_DOCUMENT } from '../shared/document';
import { asNumber, cannotVerify, isTrue, show } from '../shared/findings';
import { aksClusters, aksPoolKind, aksPoolSites } from '../shared/aks';
import { catalogOf } from '../shared/catalog';
import { aksNotApplicable } from '../shared/applicability';

/** AKS's drain timeout when upgrade_settings sets none, and the most it accepts (24 hours). */
export const AKS_DEFAULT_DRAIN_MINUTES = 30;
export const AKS_MAX_DRAIN_MINUTES = 1440;

export const realtimeDrain: Rule = {
  id: 'aks.realtime-drain',
  pack: 'aks',
  title: 'The real-time node pool drains for at least the documented time, and upgrades are never forced',
  severity: 'error',
  rationale: '003 "Deployment > Node pools": the real-time pool is "for stateful voice services that require a drain '
    + 'time of 60 minutes or longer" (catalog minimumDrainMinutes). On AKS the pool\'s '
    + '`upgrade_settings.drain_timeout_in_minutes` is how long AKS waits for a node\'s pods to terminate, honouring '
    + 'disruption budgets, before it stops the upgrade instead of evicting them; unset it is 30 minutes, and AKS '
    + 'accepts at most 1440. `node_soak_duration_in_minutes` runs after the drain and does not count. A cluster '
    + '`upgrade_override.force_upgrade_enabled = true` bypasses disruption budgets on every pool and defeats the drain.',
  reference: { document: SETUP_DOCUMENT, section: 'Deployment > Node pools' },
  remediation: 'On the real-time pool set `upgrade_settings { max_surge = "1" drain_timeout_in_minutes = 60 '
    + 'undrainable_node_behavior = "Cordon" }` (60 to 1440), give the voice pods a matching '
    + 'terminationGracePeriodSeconds, and remove `upgrade_override.force_upgrade_enabled` from the cluster.',
  suppressible: true,
  notApplicable: aksNotApplicable,
  evaluate(stack, context) {
    const spec = catalogOf(context).nodePool('realtime');
    const minimum = spec.minimumDrainMinutes;
    if (minimum === null) return [];
    const fix = `the real-time pool must drain for at least ${minimum} minutes; set upgrade_settings.drain_timeout_in_minutes to ${minimum}-${AKS_MAX_DRAIN_MINUTES}`;
    const violations: Violation[] = [];
    for (const site of aksPoolSites(stack)) {
      const kind = aksPoolKind(site);
      if (kind.kind === 'unknown') {
        violations.push(cannotVerify(site.resource, kind.read, `whether ${site.description} is the real-time pool`));
        continue;
      }
      if (kind.kind !== 'realtime') continue;
      const drain = read(site.resource, ...site.at, 'upgrade_settings', 'drain_timeout_in_minutes');
      if (drain.kind === 'unknown') violations.push(cannotVerify(site.resource, drain, `the drain time of ${site.description}`));
      else if (drain.kind === 'absent') violations.push({ address: site.resource.address, path: drain.path, message: `${site.description} sets no upgrade_settings.drain_timeout_in_minutes, so AKS drains for ${AKS_DEFAULT_DRAIN_MINUTES} minutes: ${fix}` });
      else {
        const minutes = asNumber(drain.value);
        if (minutes === undefined || minutes < minimum || minutes > AKS_MAX_DRAIN_MINUTES) {
          violations.push({ address: site.resource.address, path: drain.path, message: `${site.description} drains for ${show(drain.value)} minutes: ${fix}` });
        }
      }
    }
    for (const cluster of aksClusters(stack)) {
      const force = read(cluster, 'upgrade_override', 'force_upgrade_enabled');
      if (force.kind === 'unknown') violations.push(cannotVerify(cluster, force, 'that upgrades are not forced'));
      else if (force.kind === 'value' && isTrue(force.value)) {
        violations.push({ address: cluster.address, path: force.path, message: 'upgrade_override.force_upgrade_enabled is true, which drains every node at once, ignoring disruption budgets: remove it so the real-time pool drains for its full time' });
      }
    }
    return violations.map((v) => ({ ...v, reference: formatReference(spec.reference) }));
  },
};
