import { Catalog } from '../../lib/architecture/catalog';
import { Reference } from '../../lib/architecture/types';
import { documentedFlows, requiredDataStores, UnitServices } from '../../lib/network/documented-flows';
import { synthesizeUnitsApp } from '../../lib/testing/synth';

/**
 * Every flow the shipped units open is justified by a row of a service the unit runs, or by one of the
 * platform's own rows (the unit reaching itself, its storage class). Read from the synthesized metadata.
 */
describe('documented flows follow the services a unit runs', () => {
  const catalog = Catalog.default();
  const stacks = synthesizeUnitsApp();

  /** Whether a row belongs to a service the unit runs, or is a platform row that needs no service. */
  function justifies(reference: Reference, runs: UnitServices): boolean {
    const connection = catalog.connections.find((c) => c.reference.document === reference.document && c.reference.table === reference.table && c.reference.row === reference.row);
    if (connection) return runs.runsConnection(connection);
    const port = catalog.servicePorts.find((p) => p.reference.table === reference.table && p.reference.row === reference.row);
    if (port) return port.protocol === 'RTP/RTCP' || runs.runsService(port.service); // the RTP row gives the range of negotiated ports
    const dependency = catalog.thirdPartyDependencies.find((d) => d.reference.table === reference.table && d.reference.row === reference.row);
    if (dependency) return runs.needsDependency(dependency);
    // 003 "Network settings > Enabling Container Networking Interface": the unit's pods reach each other, on every cloud.
    const platform = [catalog.supported('pod-networking').reference, ...catalog.storageClasses.map((s) => s.reference)];
    return platform.some((r) => r.table === reference.table && r.row === reference.row);
  }

  it.each(['usw1', 'use1'])('every flow of %s cites at least one row of a service it runs, and no row of one it does not', (unit) => {
    const { boundaries, serviceGroups } = stacks[unit]['//'].cxunit;
    const runs = new UnitServices(catalog, serviceGroups);
    const flows = documentedFlows(catalog, boundaries, serviceGroups);
    expect(flows.length).toBeGreaterThan(0);
    for (const flow of flows) {
      const unjustified = flow.references.filter((r) => !justifies(r, runs));
      expect({ flow: `${flow.boundary} ${flow.protocol} ${flow.ports?.from}`, unjustified }).toEqual({ flow: `${flow.boundary} ${flow.protocol} ${flow.ports?.from}`, unjustified: [] });
      if (flow.boundary !== 'health-check') expect(flow.references.length).toBeGreaterThan(0);
    }
  });

  it('use1 (voice, tenants, GVP, WebRTC) needs PostgreSQL, Redis, Kafka, Consul and MS SQL, and not Elasticsearch (003 "Third-party dependencies")', () => {
    expect([...requiredDataStores(catalog, stacks.use1['//'].cxunit.serviceGroups).keys()]).toEqual(['postgres', 'redis', 'kafka', 'consul', 'mssql']);
  });
});
