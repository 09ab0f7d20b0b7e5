import { Catalog } from '../../lib/architecture/catalog';
import { parsePrintedPorts } from '../../lib/architecture/ports';

describe('parsePrintedPorts: port cells as 003\'s ports tables print them', () => {
  it.each([
    ['8888', ['8888']],
    ['20000-45000', ['20000-45000']],
    ['20, 21, 22', ['20', '21', '22']],
    ['80/443', ['80', '443']],
    ['61616 / 8080', ['61616', '8080']],
    ['20000-45000/14000-15999', ['20000-45000', '14000-15999']],
    ['6379 (non SSL) or 6380 (SSL)', ['6379', '6380']],
    ['', []],
    ['Logical connection only', []],
  ])('reads "%s"', (cell, ports) => {
    expect(parsePrintedPorts(cell)).toEqual(ports);
  });

  it.each([
    ['70107', 'port 70107 in "70107" is outside 1-65535: use a port between 1 and 65535'],
    ['9107-8107', 'range "9107-8107" is reversed: write the lower port first ("8107-9107")'],
    ['http', '"http" is not a port: write a port as "8888" or a range as "20000-45000"'],
    ['80/http', '"http" is not a port: write a port as "8888" or a range as "20000-45000" (in the cell "80/http": '
      + 'list ports as "20, 21, 22" or "80/443", alternatives as "6379 (non SSL) or 6380 (SSL)")'],
    ['0', 'port 0 in "0" is outside 1-65535: use a port between 1 and 65535'],
  ])('refuses "%s"', (cell, message) => {
    expect(parsePrintedPorts(cell)).toBe(message);
  });
});

describe('the by-protocol and by-port views', () => {
  const catalog = Catalog.load();

  it('carry the ports of every printed cell', () => {
    const row = (view: typeof catalog.servicePortsByPort, port: string) => view.find((r) => r.port === port);
    expect(row(catalog.servicePortsByPort, '20000-45000/14000-15999')?.ports).toEqual(['20000-45000', '14000-15999']);
    expect(row(catalog.servicePortsByProtocol, '6379 (non SSL) or 6380 (SSL)')?.ports).toEqual(['6379', '6380']);
    expect(catalog.servicePortsByPort.filter((r) => r.ports.length === 0).map((r) => r.port).sort())
      .toEqual(['', '', '', 'Logical connection only']);
  });
});
