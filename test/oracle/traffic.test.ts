import { coverage, trafficDifferences } from './traffic';

describe('trafficDifferences: flow lists compared by the traffic they let through', () => {
  it('finds no difference when the same traffic is split into other flows (Azure default rules share it out by priority)', () => {
    const opened = [
      { protocol: 'tcp', ports: '443', peers: ['0.0.0.0/0'] },
      { protocol: 'tcp', ports: '0-442', peers: ['10.30.0.0/24'] },
      { protocol: 'tcp', ports: '444-65535', peers: ['10.30.0.0/24'] },
      { protocol: 'udp', ports: 'all', peers: ['10.30.0.0/24'] },
      { protocol: 'other protocols', peers: ['10.30.0.0/24'] },
    ];
    const oracle = [
      { protocol: 'all protocols', peers: ['10.30.0.0/25', '10.30.0.128/25'] },
      { protocol: 'tcp', ports: '443', peers: ['0.0.0.0/0'] },
    ];
    expect(trafficDifferences(opened, oracle)).toEqual([]);
  });

  it('reports traffic open on one side only, per protocol and port range, as CIDR blocks', () => {
    const opened = [{ protocol: 'all protocols', peers: ['10.40.0.0/16'] }];
    const oracle = [{ protocol: 'all protocols', peers: ['10.40.0.0/24'] }, { protocol: 'udp', ports: '5060', peers: ['192.0.2.128/25'] }];
    expect(trafficDifferences(opened, oracle).map((d) => [d.traffic, d.onlyFirst, d.onlySecond])).toEqual([
      ['tcp (all ports)', ['10.40.1.0/24', '10.40.2.0/23', '10.40.4.0/22', '10.40.8.0/21', '10.40.16.0/20', '10.40.32.0/19', '10.40.64.0/18', '10.40.128.0/17'], []],
      ['udp 0-5059', ['10.40.1.0/24', '10.40.2.0/23', '10.40.4.0/22', '10.40.8.0/21', '10.40.16.0/20', '10.40.32.0/19', '10.40.64.0/18', '10.40.128.0/17'], []],
      ['udp 5060', ['10.40.1.0/24', '10.40.2.0/23', '10.40.4.0/22', '10.40.8.0/21', '10.40.16.0/20', '10.40.32.0/19', '10.40.64.0/18', '10.40.128.0/17'], ['192.0.2.128/25']],
      ['udp 5061-65535', ['10.40.1.0/24', '10.40.2.0/23', '10.40.4.0/22', '10.40.8.0/21', '10.40.16.0/20', '10.40.32.0/19', '10.40.64.0/18', '10.40.128.0/17'], []],
      ['other protocols', ['10.40.1.0/24', '10.40.2.0/23', '10.40.4.0/22', '10.40.8.0/21', '10.40.16.0/20', '10.40.32.0/19', '10.40.64.0/18', '10.40.128.0/17'], []],
    ]);
  });

  it('leaves the traffic of excluded (disputed) flows out', () => {
    const opened = [{ protocol: 'tcp', ports: '6379', peers: ['10.40.0.0/16'] }];
    const oracle = [{ protocol: 'tcp', ports: '6379', peers: ['10.40.0.0/24'] }];
    expect(trafficDifferences(opened, oracle, [{ protocol: 'tcp', ports: '6379', peers: ['10.40.1.0/24', '10.40.2.0/23', '10.40.4.0/22'] }]).map((d) => [d.traffic, d.onlyFirst]))
      .toEqual([['tcp 6379', ['10.40.8.0/21', '10.40.16.0/20', '10.40.32.0/19', '10.40.64.0/18', '10.40.128.0/17']]]);
  });
});

describe('coverage: how much of one flow a list of flows opens', () => {
  const flow = { protocol: 'tcp', ports: '6379', peers: ['10.30.3.0/24', '10.30.4.0/22'] };
  it('is "all", "part" or "none"', () => {
    expect(coverage(flow, [{ protocol: 'tcp', ports: '6379', peers: ['10.30.0.0/16'] }])).toBe('all');
    expect(coverage(flow, [{ protocol: 'all protocols', peers: ['10.30.4.0/22'] }])).toBe('part');
    expect(coverage(flow, [{ protocol: 'tcp', ports: '6380', peers: ['10.30.0.0/16'] }, { protocol: 'udp', ports: '6379', peers: ['10.30.0.0/16'] }])).toBe('none');
  });
});
