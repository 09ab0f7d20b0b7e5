import { realtimeDrain } from '../../../policies/aks/realtime-drain';
import { CLUSTER, cluster, compliantUnit, expectInBothShapes, pathIn, pool, REALTIME, unitWith } from './aks-fixtures';

const REFERENCE = 'Setting up Genesys Multicloud CX Private Edition, Deployment > Node pools, row "Real-time node pool"';
const FIX = 'the real-time pool must drain for at least 60 minutes; set upgrade_settings.drain_timeout_in_minutes to 60-1440';

describe('aks.realtime-drain', () => {
  it('passes a 60-minute drain', () => {
    expectInBothShapes(realtimeDrain, compliantUnit(), () => []);
  });

  it('fails a 30-minute drain', () => {
    expectInBothShapes(realtimeDrain, unitWith((d) => { pool(d, 'realtime').upgrade_settings.drain_timeout_in_minutes = 30; }), (shape) => [{
      address: REALTIME, path: pathIn(shape, REALTIME, 'upgrade_settings', 'drain_timeout_in_minutes'), reference: REFERENCE,
      message: `node pool "realtime" drains for 30 minutes: ${FIX}`,
    }]);
  });

  it('fails an unset drain timeout (AKS drains for 30 minutes) and a drain above AKS\'s maximum', () => {
    expectInBothShapes(realtimeDrain, unitWith((d) => { delete pool(d, 'realtime').upgrade_settings.drain_timeout_in_minutes; }), (shape) => [{
      address: REALTIME, path: pathIn(shape, REALTIME, 'upgrade_settings', 'drain_timeout_in_minutes'), reference: REFERENCE,
      message: `node pool "realtime" sets no upgrade_settings.drain_timeout_in_minutes, so AKS drains for 30 minutes: ${FIX}`,
    }]);
    expectInBothShapes(realtimeDrain, unitWith((d) => { pool(d, 'realtime').upgrade_settings.drain_timeout_in_minutes = 2000; }), (shape) => [{
      address: REALTIME, path: pathIn(shape, REALTIME, 'upgrade_settings', 'drain_timeout_in_minutes'), reference: REFERENCE,
      message: `node pool "realtime" drains for 2000 minutes: ${FIX}`,
    }]);
  });

  it('fails a forced upgrade', () => {
    expectInBothShapes(realtimeDrain, unitWith((d) => { cluster(d).upgrade_override = { force_upgrade_enabled: true, effective_until: '2026-12-01T00:00:00Z' }; }), (shape) => [{
      address: CLUSTER, path: pathIn(shape, CLUSTER, 'upgrade_override', 'force_upgrade_enabled'), reference: REFERENCE,
      message: 'upgrade_override.force_upgrade_enabled is true, which drains every node at once, ignoring disruption budgets: remove it so the real-time pool drains for its full time',
    }]);
  });
});
