import { Catalog } from '../../../lib/architecture/catalog';
import { realtimeDrain } from '../../../policies/gke/realtime-drain';
import { formatReference } from '../../../policies/shared/document';
import { expected, violations } from './stack-fixtures';

const realtime = Catalog.default().nodePool('realtime');
const REFERENCE = formatReference(realtime.reference);
const POOL = 'google_container_node_pool.realtime';
const AT = 'resource.google_container_node_pool.realtime';
const FIX = `the real-time pool must drain for at least ${realtime.minimumDrainMinutes} minutes; use strategy "BLUE_GREEN" with node_pool_soak_duration >= "${realtime.minimumDrainMinutes! * 60}s"`;

describe('gke.realtime-drain', () => {
  it('reads the documented drain time from the catalog', () => {
    expect(realtime.minimumDrainMinutes).toBe(60);
  });

  it('passes a blue-green real-time pool that soaks for the documented time (and ignores other pools)', () => {
    expect(violations(realtimeDrain, 'gke/realtime-drain/compliant.json')).toEqual([]);
  });

  it('fails a surge upgrade', () => {
    expect(violations(realtimeDrain, 'gke/realtime-drain/surge.json')).toEqual(expected({
      address: POOL,
      path: `${AT}.upgrade_settings.strategy`,
      message: `node pool "realtime" sets upgrade_settings.strategy = "SURGE", which evicts pods when GKE's drain timeout ends: ${FIX}`,
      reference: REFERENCE,
    }));
  });

  it('fails when no strategy is set (GKE surges)', () => {
    expect(violations(realtimeDrain, 'gke/realtime-drain/strategy-unset.json')).toEqual(expected({
      address: POOL,
      path: `${AT}.upgrade_settings`,
      message: `node pool "realtime" sets no upgrade_settings.strategy, so GKE upgrades it by surge: ${FIX}`,
      reference: REFERENCE,
    }));
  });

  it('fails a soak shorter than the drain time', () => {
    expect(violations(realtimeDrain, 'gke/realtime-drain/soak-short.json')).toEqual(expected({
      address: POOL,
      path: `${AT}.upgrade_settings.blue_green_settings.node_pool_soak_duration`,
      message: `node pool "realtime" soaks for "1800s" (30 minutes): ${FIX}`,
      reference: REFERENCE,
    }));
  });

  it('fails a blue-green upgrade without a soak duration', () => {
    expect(violations(realtimeDrain, 'gke/realtime-drain/soak-unset.json')).toEqual(expected({
      address: POOL,
      path: `${AT}.upgrade_settings.blue_green_settings`,
      message: `node pool "realtime" sets no upgrade_settings.blue_green_settings.node_pool_soak_duration: ${FIX}`,
      reference: REFERENCE,
    }));
  });

  it('fails a soak duration that is not a duration', () => {
    expect(violations(realtimeDrain, 'gke/realtime-drain/soak-not-a-duration.json')).toEqual(expected({
      address: POOL,
      path: `${AT}.upgrade_settings.blue_green_settings.node_pool_soak_duration`,
      message: `node pool "realtime" sets node_pool_soak_duration = "1h", which is not a duration such as "3600s": ${FIX}`,
      reference: REFERENCE,
    }));
  });

  it('reads the plan shape: passes a long soak and fails a second real-time pool that surges', () => {
    expect(violations(realtimeDrain, 'gke/realtime-drain/drain.plan.json')).toEqual(expected({
      address: 'google_container_node_pool.realtime_b',
      path: 'planned_values.root_module.resources[1].values.upgrade_settings[0].strategy',
      message: `node pool "realtime-b" sets upgrade_settings.strategy = "SURGE", which evicts pods when GKE's drain timeout ends: ${FIX}`,
      reference: REFERENCE,
    }));
  });

  it('cannot verify an unresolved soak duration', () => {
    expect(violations(realtimeDrain, 'gke/realtime-drain/soak-unresolved.json')).toEqual(expected({
      address: POOL,
      path: `${AT}.upgrade_settings.blue_green_settings.node_pool_soak_duration`,
      message: 'cannot verify the drain time of node pool "realtime": upgrade_settings.blue_green_settings.node_pool_soak_duration is an unresolved reference (${var.soak})',
      cannotVerify: true,
      reference: REFERENCE,
    }));
  });
});
