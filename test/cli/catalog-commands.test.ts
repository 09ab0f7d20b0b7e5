import { spawnSync } from 'child_process';
import * as path from 'path';
import { cxunit, ROOT } from '../helpers/cli';

describe('cxunit ports', () => {
  it('prints every connection as JSON with the documented fields', () => {
    const result = cxunit(['ports', '--format', 'json']);
    expect(result.status).toBe(0);
    const connections = JSON.parse(result.stdout);
    expect(connections).toHaveLength(92);
    expect(connections.find((c: { id: string }) => c.id === 'tenant-19')).toEqual({
      id: 'tenant-19',
      service: 'Tenant Service',
      source: 'Tenant Service',
      destination: 'Kafka',
      protocol: 'TCP',
      transports: ['tcp'],
      ports: ['9092', '9093'],
      classification: 'Egress',
      sourcePlacement: 'cluster',
      destinationPlacement: 'data-store',
      crossRegion: false,
      description: 'Outbound reporting',
      note: expect.stringContaining('alternative'),
      reference: { document: '002_0c7a81c9de55e4ae.txt', title: 'Tenant Service Private Edition Guide: Architecture', table: 'Connections table', row: '19' },
    });
    const configurable = connections.find((c: { id: string }) => c.id === 'ixn-6');
    expect(configurable).toMatchObject({ ports: [], portConfiguredBy: 'Kafka configuration' });
  });

  it('filters by service, case-insensitively', () => {
    const result = cxunit(['ports', '--format', 'json', '--service', 'telemetry service']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).map((c: { reference: { row: string } }) => c.reference.row)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('prints CSV with a header and quoted cells', () => {
    const result = cxunit(['ports', '--format', 'csv', '--service', 'Tenant Service']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('service,row,source,destination,protocol,ports,classification,document');
    expect(lines).toHaveLength(23);
    expect(lines[19]).toBe('Tenant Service,19,Tenant Service,Kafka,TCP,"9092, 9093",Egress,Tenant Service Private Edition Guide: Architecture');
  });

  it('prints a Markdown table by default', () => {
    const result = cxunit(['ports', '--service', 'Telemetry Service']);
    expect(result.stdout.split('\n').slice(0, 3)).toEqual([
      '| service | row | source | destination | protocol | ports | classification | document |',
      '|---|---|---|---|---|---|---|---|',
      '| Telemetry Service | 1 | Browser | Inbound Gateway | HTTPS | 443 | Ingress | Telemetry Service Private Edition Guide: Architecture |',
    ]);
  });

  it('fails with exit 2 on an unknown service, listing the known ones', () => {
    const result = cxunit(['ports', '--service', 'Nope']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('unknown service "Nope": use one of "Telemetry Service", "Genesys Pulse", "Tenant Service", "Voice connectivity", "Interaction Server"\n');
  });

  it('fails with exit 2 on an unknown format', () => {
    const result = cxunit(['ports', '--format', 'xml']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("error: option '--format <format>' argument 'xml' is invalid. Allowed choices are markdown, csv, json.");
  });
});

describe('cxunit writing into a pipe that closes early', () => {
  it('stops quietly, as `cxunit ports | head` expects: no EPIPE stack trace', () => {
    const result = spawnSync('sh', ['-c', `"${process.execPath}" bin/cxunit.js ports --format json | head -c 1 >/dev/null`], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
  });
});

describe('cxunit usage errors', () => {
  it('fails with exit 2 and usage on an unknown subcommand', () => {
    const result = cxunit(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("error: unknown command 'frobnicate'");
  });

  it('fails with exit 2 on an unknown flag', () => {
    const result = cxunit(['ports', '--colour']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("error: unknown option '--colour'");
  });

  it('prints help with exit 0', () => {
    const result = cxunit(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('validate-catalog');
  });
});

describe('cxunit validate-catalog', () => {
  it('accepts the built-in catalog', () => {
    const result = cxunit(['validate-catalog']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('catalog is valid: 92 connections, 138 service ports, 55 endpoints, 12 storage classes, 20 service groups, 4 priority classes\n');
  });

  it('reports a bad override with file, line, column and path, exit 2', () => {
    const result = cxunit(['validate-catalog', path.join('test/fixtures/catalog/port-70000')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'test/fixtures/catalog/port-70000/connections/000-telemetry-service.yaml:41:13: connections[4].ports[0]: port 70000 in "70000" is outside 1-65535: use a port between 1 and 65535\n' +
        '1 problem in the catalog\n',
    );
    expect(result.stdout).toBe('');
  });
});

describe('service groups name what the tables print', () => {
  it('refuses a service or endpoint that no table names: its flows would silently vanish', () => {
    const result = cxunit(['validate-catalog', path.join('test/fixtures/catalog/unknown-service')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'test/fixtures/catalog/unknown-service/namespaces.yaml:38:16: serviceGroups[5].services[0]: service "Genesys Pulse Service" is named by no connection table, ports row or third-party dependency: use the name as the tables print it\n' +
        'test/fixtures/catalog/unknown-service/namespaces.yaml:65:22: serviceGroups[11].endpoints[1]: endpoint "gvp RM" is not an in-cluster endpoint of endpoints.yaml: use an endpoint name with placement cluster\n' +
        '2 problems in the catalog\n',
    );
  });
});

describe('cxunit validate-catalog on the ports tables and their views', () => {
  it('refuses bad port cells in the by-port and by-protocol views, and ports that differ from the printed cell', () => {
    const dir = path.join('test/fixtures/catalog/bad-view-ports');
    const result = cxunit(['validate-catalog', dir]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      `${dir}/service-ports.yaml:186:12: entries[26].ports: ports [6379] differ from the printed cell "6379 (non SSL) or 6380 (SSL)" (read as [6379, 6380]): correct the ports, or the printed cell`,
      `${dir}/service-ports-by-protocol.yaml:8:11: entries[0].port: "http" is not a port: write a port as "8888" or a range as "20000-45000"`,
      `${dir}/service-ports-by-port.yaml:8:11: entries[0].port: port 70107 in "70107" is outside 1-65535: use a port between 1 and 65535`,
      `${dir}/service-ports-by-port.yaml:11:11: entries[1].port: range "9107-8107" is reversed: write the lower port first ("8107-9107")`,
      '4 problems in the catalog',
      '',
    ]);
  });
});

describe('generated documentation', () => {
  it('is up to date with the catalog (run "npm run docs" when this fails)', () => {
    const result = cxunit(['docs', '--dir', path.join(ROOT, 'docs')]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
