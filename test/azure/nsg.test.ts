import { addressRange } from '../../lib/network/address-set';
import {
  canonicalTag, complement, DEFAULT_RULES, duplicatePriorities, NsgRule, parseNsgPorts, selectorAddresses,
} from '../../lib/azure/nsg';
import { readNsgRule } from '../../lib/azure/nsg-resources';

const rule = (name: string, priority: number, direction: 'Inbound' | 'Outbound'): NsgRule => ({
  name, priority, direction, access: 'Allow', protocol: 'Tcp', source: { kind: 'any' }, destination: { kind: 'any' },
  sourcePorts: [{ from: 0, to: 65535 }], destinationPorts: [{ from: 443, to: 443 }], isDefault: false,
});

describe('NSG semantics', () => {
  it('holds the six default rules of Microsoft\'s NSG overview', () => {
    expect(DEFAULT_RULES.map((r) => `${r.direction} ${r.priority} ${r.name} ${r.access}`)).toEqual([
      'Inbound 65000 AllowVnetInBound Allow',
      'Inbound 65001 AllowAzureLoadBalancerInBound Allow',
      'Inbound 65500 DenyAllInBound Deny',
      'Outbound 65000 AllowVnetOutBound Allow',
      'Outbound 65001 AllowInternetOutBound Allow',
      'Outbound 65500 DenyAllOutBound Deny',
    ]);
  });

  it('reads ports as *, N, N-M and lists, and explains a bad one', () => {
    expect(parseNsgPorts(['*'])).toEqual([{ from: 0, to: 65535 }]);
    expect(parseNsgPorts(['0-65535'])).toEqual([{ from: 0, to: 65535 }]);
    expect(parseNsgPorts(['443', '20000-45000'])).toEqual([{ from: 443, to: 443 }, { from: 20000, to: 45000 }]);
    expect(parseNsgPorts(['70000'])).toBe('port "70000" is not an NSG port: write "*", a port such as "443", or a range such as "20000-45000" (0-65535)');
    expect(parseNsgPorts(['https'])).toBe('port "https" is not an NSG port: write "*", a port such as "443", or a range such as "20000-45000" (0-65535)');
  });

  it('resolves service tags: Internet is everything outside VirtualNetwork, AzureLoadBalancer the host\'s probe address', () => {
    const context = { virtualNetwork: ['10.0.0.0/8'] };
    expect(canonicalTag('internet')).toBe('Internet');
    expect(canonicalTag('Any')).toBe('*');
    expect(selectorAddresses({ kind: 'tag', tag: 'AzureLoadBalancer' }, context)).toEqual([addressRange('168.63.129.16/32')]);
    expect(selectorAddresses({ kind: 'tag', tag: 'Internet' }, context)).toEqual([
      { family: 4, first: 0n, last: addressRange('9.255.255.255').first },
      { family: 4, first: addressRange('11.0.0.0').first, last: (1n << 32n) - 1n },
      { family: 6, first: 0n, last: (1n << 128n) - 1n },
    ]);
    expect(selectorAddresses({ kind: 'tag', tag: 'VirtualNetwork' }, {})).toEqual({ unknown: 'the addresses of the VirtualNetwork service tag are not known (the virtual network\'s address space is not in the configuration)' });
    expect(selectorAddresses({ kind: 'tag', tag: 'Storage.WestEurope' }, context)).toEqual({ unknown: 'service tag "Storage.WestEurope" stands for Microsoft-managed ranges that the configuration does not show' });
    expect(complement([])).toEqual([{ family: 4, first: 0n, last: (1n << 32n) - 1n }, { family: 6, first: 0n, last: (1n << 128n) - 1n }]);
  });

  it('finds duplicate priorities per direction only', () => {
    const groups = duplicatePriorities([rule('a', 100, 'Inbound'), rule('b', 100, 'Inbound'), rule('c', 100, 'Outbound')]);
    expect(groups.map((g) => [g.direction, g.priority, g.rules.map((r) => r.name)])).toEqual([['Inbound', 100, ['a', 'b']]]);
  });

  it('reads an inline rule as cdktf writes it (unset fields null) and refuses what Azure refuses', () => {
    const base = {
      name: 'sbc', priority: 110, direction: 'Inbound', access: 'Allow', protocol: 'Udp', source_port_range: '*', source_port_ranges: null,
      destination_port_range: null, destination_port_ranges: ['5080', '20000-45000'], source_address_prefix: null, source_address_prefixes: ['192.0.2.0/24'],
      source_application_security_group_ids: null, destination_address_prefix: '*', destination_address_prefixes: null, destination_application_security_group_ids: null, description: null,
    };
    const problems: Array<{ reason: string }> = [];
    expect(readNsgRule(base, 'azurerm_network_security_group.x', 'resource.azurerm_network_security_group.x.security_rule[0]', [])).toMatchObject({
      priority: 110, protocol: 'Udp', source: { kind: 'prefixes', prefixes: ['192.0.2.0/24'] }, destination: { kind: 'any' },
      destinationPorts: [{ from: 5080, to: 5080 }, { from: 20000, to: 45000 }],
    });
    readNsgRule({ ...base, priority: 50 }, 'x', 'p', problems as never);
    readNsgRule({ ...base, source_address_prefix: 'Internet' }, 'x', 'p', problems as never);
    readNsgRule({ ...base, source_address_prefixes: ['VirtualNetwork'] }, 'x', 'p', problems as never);
    readNsgRule({ ...base, protocol: 'Gre' }, 'x', 'p', problems as never);
    expect(problems.map((p) => p.reason)).toEqual([
      'security rule "sbc" has priority 50: Azure accepts 100 to 4096',
      'security rule "sbc" sets more than one source (address prefix, prefixes or application security groups): give exactly one',
      'security rule "sbc" lists a service tag in source_address_prefixes: tags go in source_address_prefix, one per rule',
      'security rule "sbc" has protocol "Gre": use Tcp, Udp, Icmp, Esp, Ah or *',
    ]);
  });

  it('reads a separate azurerm_network_security_rule that names its NSG and resource group by reference', () => {
    // The ordinary way to write one: the references link the rule to its NSG; they say nothing about what it opens.
    const problems: Array<{ reason: string }> = [];
    const rule = readNsgRule({
      name: 'ssh', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_port_range: '*', destination_port_range: '22',
      source_address_prefix: 'Internet', destination_address_prefix: '*', description: '${var.why}',
      network_security_group_name: '${azurerm_network_security_group.nodes.name}', resource_group_name: '${azurerm_resource_group.unit.name}',
    }, 'azurerm_network_security_rule.ssh', 'resource.azurerm_network_security_rule.ssh', problems as never);
    expect(problems).toEqual([]);
    expect(rule).toMatchObject({ priority: 100, protocol: 'Tcp', source: { kind: 'tag', tag: 'Internet' }, destinationPorts: [{ from: 22, to: 22 }] });
  });
});
