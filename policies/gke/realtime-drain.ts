import { Rule, Violation } from '../../lib/policy/model';
import { read } from '../../lib/policy/values';
import { formatReference, SETUP_DOCUMENT } from '../shared/document';
import { durationSeconds } from '../shared/durations';
import { cannotVerify, show } from '../shared/findings';
import { nodePoolSites, poolKind } from '../shared/node-pools';
import { catalogOf } from '../shared/catalog';
import { gkeNotApplicable } from '../shared/applicability';

export const realtimeDrain: Rule = {
  id: 'gke.realtime-drain',
  pack: 'gke',
  title: 'The real-time node pool drains for at least the documented time on upgrade',
  severity: 'error',
  rationale: '003 "Deployment > Node pools": the real-time pool is "for stateful voice services that require a drain '
    + 'time of 60 minutes or longer to maintain active voice sessions" (catalog: nodePool(\'realtime\').minimumDrainMinutes). '
    + 'In a node pool, only a blue-green upgrade keeps the old nodes for a set time: `upgrade_settings.strategy = '
    + '"BLUE_GREEN"` with `blue_green_settings.node_pool_soak_duration` at least that long. A surge upgrade (the '
    + 'default strategy) evicts pods once GKE\'s drain timeout ends, which no pool setting lengthens, so it fails. '
    + 'An unset soak duration fails too: the configuration must state the drain time. Pools that are not '
    + 'recognisably real-time are not checked here; a missing real-time pool is gke.node-pools\' finding.',
  reference: { document: SETUP_DOCUMENT, section: 'Deployment > Node pools' },
  remediation: 'On the real-time pool set `upgrade_settings { strategy = "BLUE_GREEN" blue_green_settings { '
    + 'node_pool_soak_duration = "3600s" standard_rollout_policy { batch_node_count = 1 } } }` (at least the '
    + 'documented drain time), and give the voice pods a matching terminationGracePeriodSeconds in their Helm values.',
  suppressible: true,
  notApplicable: gkeNotApplicable,
  evaluate(stack, context) {
    const spec = catalogOf(context).nodePool('realtime');
    const minimumMinutes = spec.minimumDrainMinutes;
    if (minimumMinutes === null) return [];
    const minimumSeconds = minimumMinutes * 60;
    const reference = formatReference(spec.reference);
    const violations: Violation[] = [];
    for (const pool of nodePoolSites(stack)) {
      const kind = poolKind(pool);
      if (kind.kind === 'unknown') {
        violations.push(cannotVerify(pool.resource, kind.read, `whether ${pool.description} is the real-time pool`));
        continue;
      }
      if (kind.kind !== 'realtime') continue;
      const { resource, at, description } = pool;
      const fail = (path: string, why: string) => violations.push({ address: resource.address, path, message: `${description} ${why}: the real-time pool must drain for at least ${minimumMinutes} minutes; use strategy "BLUE_GREEN" with node_pool_soak_duration >= "${minimumSeconds}s"` });

      const strategy = read(resource, ...at, 'upgrade_settings', 'strategy');
      if (strategy.kind === 'unknown') {
        violations.push(cannotVerify(resource, strategy, `the upgrade strategy of ${description}`));
        continue;
      }
      if (strategy.kind === 'absent') {
        fail(strategy.path, 'sets no upgrade_settings.strategy, so GKE upgrades it by surge');
        continue;
      }
      if (String(strategy.value).toUpperCase() !== 'BLUE_GREEN') {
        fail(strategy.path, `sets upgrade_settings.strategy = ${show(strategy.value)}, which evicts pods when GKE's drain timeout ends`);
        continue;
      }
      const soak = read(resource, ...at, 'upgrade_settings', 'blue_green_settings', 'node_pool_soak_duration');
      if (soak.kind === 'unknown') violations.push(cannotVerify(resource, soak, `the drain time of ${description}`));
      else if (soak.kind === 'absent') fail(soak.path, 'sets no upgrade_settings.blue_green_settings.node_pool_soak_duration');
      else {
        const seconds = typeof soak.value === 'string' ? durationSeconds(soak.value) : undefined;
        if (seconds === undefined) fail(soak.path, `sets node_pool_soak_duration = ${show(soak.value)}, which is not a duration such as "3600s"`);
        else if (seconds < minimumSeconds) fail(soak.path, `soaks for ${show(soak.value)} (${Math.round((seconds / 60) * 100) / 100} minutes)`);
      }
    }
    return violations.map((violation) => ({ ...violation, reference }));
  },
};
