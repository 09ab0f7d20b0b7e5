import { analyzeNsgs } from '../../lib/azure/nsg-evaluator';
import { stackFromCdktfJson } from '../../lib/policy/cdktf-json';
import { StackInput, UNKNOWN, Violation } from '../../lib/policy/model';
import { synthesizeAksUnit, TerraformJson } from '../../lib/testing/synth';
import { exactPorts } from '../../policies/network/exact-ports';
import { noWorldOpen } from '../../policies/network/no-world-open';
import { AKS_PRIMARY } from '../aks/example-props';

/**
 * The Azure evaluator through the network rules, on a synthesized AksUnit (no third-party pool, no
 * peer) changed the ways issue 10 lists: SSH from the Internet tag, a widened SBC rule, an SBC rule
 * shadowed by a deny, an NSG with both rule forms, duplicate priorities, a subnet without an NSG.
 */
const BASE_RULE = {
  description: null, destination_address_prefixes: null, destination_application_security_group_ids: null, destination_port_ranges: null,
  source_address_prefixes: null, source_application_security_group_ids: null, source_port_ranges: null, source_port_range: '*', destination_address_prefix: '*',
};

let synthesized: TerraformJson;
beforeAll(() => {
  synthesized = synthesizeAksUnit({ ...AKS_PRIMARY, thirdPartyVmSize: undefined, peerUnits: [] });
});

function nsgKey(json: TerraformJson, name: string): string {
  const nsgs = json.resource.azurerm_network_security_group;
  return Object.keys(nsgs).find((k) => nsgs[k].name === name)!;
}

function changed(mutate: (json: TerraformJson) => void): StackInput {
  const json = structuredClone(synthesized);
  mutate(json);
  return stackFromCdktfJson(json, 'cdktf.out/stacks/weu1/cdk.tf.json', 'weu1');
}

const findings = (stack: StackInput): Violation[] => [...exactPorts.evaluate(stack), ...noWorldOpen.evaluate(stack)];
const GENERAL_POOLS = 'the default node pool "general" of azurerm_kubernetes_cluster.unit_cluster_BA637D3C (node subnet weu1-nodes-general), the default node pool "general" of azurerm_kubernetes_cluster.unit_cluster_BA637D3C (pod subnet weu1-pods-general)';
const REALTIME_POOLS = 'node pool "realtime" (node subnet weu1-nodes-realtime), node pool "realtime" (pod subnet weu1-pods-realtime)';

describe('the Azure NSG evaluator', () => {
  it('finds exactly the documented flows on the unit as built', () => {
    expect(findings(changed(() => undefined))).toEqual([]);
    const analysis = analyzeNsgs(changed(() => undefined));
    expect(analysis.pools.map((p) => [p.label, p.kinds])).toEqual([
      ['the default node pool "general" of azurerm_kubernetes_cluster.unit_cluster_BA637D3C (node subnet weu1-nodes-general)', ['general']],
      ['the default node pool "general" of azurerm_kubernetes_cluster.unit_cluster_BA637D3C (pod subnet weu1-pods-general)', ['general']],
      ['node pool "realtime" (node subnet weu1-nodes-realtime)', ['realtime']],
      ['node pool "realtime" (pod subnet weu1-pods-realtime)', ['realtime']],
    ]);
  });

  it('reports SSH from the Internet service tag as unexpected and world-open', () => {
    const stack = changed((json) => {
      json.resource.azurerm_network_security_group[nsgKey(json, 'weu1-general-nsg')].security_rule.push({ ...BASE_RULE, name: 'ssh', priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: 'Internet', destination_port_range: '22' });
    });
    const rule = `azurerm_network_security_group.unit_security-groups_general_AA2FB6D6.security_rule["ssh"]`;
    const path = 'resource.azurerm_network_security_group.unit_security-groups_general_AA2FB6D6.security_rule[4]';
    expect(findings(stack).map((f) => [f.address, f.path, f.message])).toEqual([
      // The subnets have IPv4 prefixes only: the Internet tag's IPv6 half reaches nothing (one exposure, not two).
      [rule, path, `unexpected flow: INGRESS tcp 22 from 0.0.0.0/0 except 10.30.0.0/16 to ${GENERAL_POOLS}, opened by ${rule} (allow, priority 200); no documented flow of the unit's boundaries needs it: remove the rule or narrow its ports, ranges and targets to the documented flows`],
      [rule, path, expect.stringMatching(/^tcp 22 on .* is reachable from the whole internet \(0\.0\.0\.0\/0\).*; restrict the rule's source_address_prefix\(es\) to the peers that need it$/)],
    ]);
  });

  it('without unit metadata, reports a rule of an NSG on several subnets once, its peers as people read them', () => {
    const stack = changed((json) => {
      json.resource.azurerm_network_security_group[nsgKey(json, 'weu1-general-nsg')].security_rule.push({ ...BASE_RULE, name: 'ssh', priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: 'Internet', destination_port_range: '22' });
    });
    const rule = `azurerm_network_security_group.unit_security-groups_general_AA2FB6D6.security_rule["ssh"]`;
    const bySsh = exactPorts.evaluate({ ...stack, boundaries: undefined }).filter((f) => f.address === rule);
    expect(bySsh.map((f) => f.message)).toEqual([
      `undocumented flows opened by ${rule} (allow, priority 200): `
      + ['node', 'pod'].map((kind) => `INGRESS tcp 22 from 0.0.0.0/0 except 10.30.0.0/16 to the default node pool "general" of azurerm_kubernetes_cluster.unit_cluster_BA637D3C (${kind} subnet weu1-${kind}s-general)`).join('; ')
      + '; no Genesys connection documents them for any unit (from the whole internet only the ingress controller\'s tcp 443 is): remove the rule or narrow its ports and source_address_prefix(es) to documented flows',
    ]);
  });

  it('reports the IPv6 internet too when the subnets are dual-stack', () => {
    const stack = changed((json) => {
      json.resource.azurerm_network_security_group[nsgKey(json, 'weu1-general-nsg')].security_rule.push({ ...BASE_RULE, name: 'ssh', priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: 'Internet', destination_port_range: '22' });
      for (const network of Object.values<TerraformJson>(json.resource.azurerm_virtual_network)) network.address_space = [...network.address_space, 'fd00:db8::/48'];
      const subnets = json.resource.azurerm_subnet;
      Object.keys(subnets).forEach((key, index) => {
        subnets[key].address_prefixes = [...subnets[key].address_prefixes, `fd00:db8:0:${index}::/64`];
      });
    });
    expect(noWorldOpen.evaluate(stack).map((f) => f.message)).toEqual([
      expect.stringMatching(/^tcp 22 on .* is reachable from the whole internet \(0\.0\.0\.0\/0\)/),
      expect.stringMatching(/^tcp 22 on .* is reachable from the whole internet \(::\/0\)/),
    ]);
  });

  it('reports a widened SBC rule', () => {
    const stack = changed((json) => {
      const rules = json.resource.azurerm_network_security_group[nsgKey(json, 'weu1-realtime-nsg')].security_rule;
      rules.find((r: TerraformJson) => r.name === 'sbc-ingress-udp').source_address_prefixes = ['192.0.2.0/23'];
    });
    expect(exactPorts.evaluate(stack).map((f) => f.message)).toEqual([
      ...['5080', '20000-45000'].map((ports) => `unexpected flow: INGRESS udp ${ports} from 192.0.3.0/24 to ${REALTIME_POOLS}, opened by azurerm_network_security_group.unit_security-groups_realtime_2FF48883.security_rule["sbc-ingress-udp"] (allow, priority 110); no documented flow of the unit's boundaries needs it: remove the rule or narrow its ports, ranges and targets to the documented flows`),
    ]);
  });

  it('reports an SBC rule shadowed by an earlier deny', () => {
    const stack = changed((json) => {
      json.resource.azurerm_network_security_group[nsgKey(json, 'weu1-realtime-nsg')].security_rule.push({ ...BASE_RULE, name: 'no-rtp', priority: 105, direction: 'Inbound', access: 'Deny', protocol: 'Udp', source_address_prefix: '*', destination_port_range: '20000-45000' });
    });
    expect(exactPorts.evaluate(stack).map((f) => f.message).sort()).toEqual([
      `missing flow (sbc-ingress): INGRESS udp 20000-45000 from 192.0.2.0/24 to ${REALTIME_POOLS}; it is denied by azurerm_network_security_group.unit_security-groups_realtime_2FF48883.security_rule["no-rtp"] (deny, priority 105), which comes first: allow it at a higher priority (lower number) than 105 or narrow the deny`,
      `missing flow (unit-ingress): INGRESS udp 20000-45000 from 10.30.0.0/23, 10.30.8.0/21, 10.30.16.0/21 to ${REALTIME_POOLS} (part of the documented INGRESS all protocols from 10.30.0.0/24, 10.30.1.0/24, 10.30.16.0/21, 10.30.8.0/21 to pools labelled genesys.com/node-pool=general, realtime); it is denied by azurerm_network_security_group.unit_security-groups_realtime_2FF48883.security_rule["no-rtp"] (deny, priority 105), which comes first: allow it at a higher priority (lower number) than 105 or narrow the deny`,
    ]);
  });

  it('reports a subnet without an NSG as open to everything', () => {
    const stack = changed((json) => {
      const associations = json.resource.azurerm_subnet_network_security_group_association;
      for (const key of Object.keys(associations)) if (key.includes('realtime-pods')) delete associations[key];
    });
    const messages = noWorldOpen.evaluate(stack).map((f) => f.message);
    expect(messages).toEqual([
      expect.stringMatching(/^all protocols on node pool "realtime" \(pod subnet weu1-pods-realtime\) is reachable from the whole internet \(0\.0\.0\.0\/0\), opened by subnet weu1-pods-realtime having no network security group .*; associate a network security group with subnet weu1-pods-realtime \(azurerm_subnet_network_security_group_association\) that allows only the documented flows$/),
    ]);
  });

  it('cannot verify an NSG that mixes inline rules and azurerm_network_security_rule resources', () => {
    const stack = changed((json) => {
      json.resource.azurerm_network_security_rule = { extra: { ...BASE_RULE, name: 'extra', priority: 300, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: '10.0.0.0/8', destination_port_range: '8080', resource_group_name: 'cx-weu1', network_security_group_name: `\${azurerm_network_security_group.${nsgKey(json, 'weu1-general-nsg')}.name}` } };
    });
    const [first] = exactPorts.evaluate(stack);
    expect(first).toMatchObject({
      address: 'azurerm_network_security_group.unit_security-groups_general_AA2FB6D6',
      path: 'resource.azurerm_network_security_group.unit_security-groups_general_AA2FB6D6.security_rule',
      cannotVerify: true,
    });
    expect(first.message).toContain('has inline security_rule blocks and 1 azurerm_network_security_rule resource (azurerm_network_security_rule.extra): azurerm overwrites one with the other; keep only one of the two forms');
  });

  it('cannot verify duplicate priorities in one direction', () => {
    const stack = changed((json) => {
      json.resource.azurerm_network_security_group[nsgKey(json, 'weu1-general-nsg')].security_rule.push({ ...BASE_RULE, name: 'twin', priority: 100, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', source_address_prefix: '*', destination_port_range: '443' });
    });
    expect(exactPorts.evaluate(stack)[0].message).toContain('has 2 Inbound rules at priority 100 ("health-check-tcp", "twin"): Azure refuses two rules with the same priority and direction; give each its own priority');
  });
});

/** The synthesized unit as `terraform show -json` would print it before apply: every `${...}` unknown, its references in `configuration`. */
function asPlan(json: TerraformJson): StackInput {
  const resources: StackInput['resources'][number][] = [];
  const unknownOf = (value: unknown): unknown => {
    if (typeof value === 'string' && value.includes('${')) return UNKNOWN;
    if (Array.isArray(value)) return value.map(unknownOf);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unknownOf(v)]));
    return value;
  };
  const referencesIn = (value: unknown): string[] => {
    if (typeof value === 'string') return [...value.matchAll(/\$\{([a-z_]+\.[^.}]+)\.[a-z_]+\}/g)].flatMap((m) => [`${m[1]}.id`, m[1]]);
    if (Array.isArray(value)) return value.flatMap(referencesIn);
    if (value !== null && typeof value === 'object') return Object.values(value).flatMap(referencesIn);
    return [];
  };
  for (const [type, byName] of Object.entries(json.resource as Record<string, Record<string, TerraformJson>>)) {
    for (const [name, raw] of Object.entries(byName)) {
      const values = Object.fromEntries(Object.entries(raw).filter(([key]) => key !== '//'));
      const references = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, referencesIn(v)]).filter(([, refs]) => refs.length > 0));
      resources.push({ type, name, address: `${type}.${name}`, jsonPath: `planned_values.root_module.resources[${resources.length}].values`, values: unknownOf(values) as Record<string, unknown>, references });
    }
  }
  return { stack: 'weu1', file: 'plan.json', format: 'plan', resources, boundaries: json['//'].cxunit.boundaries, serviceGroups: json['//'].cxunit.serviceGroups };
}

describe('the Azure NSG evaluator on a plan', () => {
  it('follows the plan\'s references to subnets and NSGs, and cannot verify a default pool whose two subnets share one block', () => {
    const findings = exactPorts.evaluate(asPlan(synthesized));
    const subnet = (role: string) => `the ${role} subnet of the default node pool "general" of azurerm_kubernetes_cluster.unit_cluster_BA637D3C is not a subnet of the stack with known address prefixes`;
    expect(findings.map((f) => [f.address, f.cannotVerify, f.message])).toEqual([[
      'azurerm_kubernetes_cluster.unit_cluster_BA637D3C', true,
      `cannot verify that the firewall opens exactly the documented flows: ${subnet('node')}; ${subnet('pod')}; what it opens or closes cannot be computed from the Terraform (the other rules were evaluated without it): use literal values (or suppress with a reason)`,
    ]]);
    const pools = analyzeNsgs({ ...asPlan(synthesized), resources: asPlan(synthesized).resources.filter((r) => r.type !== 'azurerm_kubernetes_cluster') });
    expect(pools.unverifiable).toEqual([]);
    expect(pools.pools.map((p) => p.label)).toEqual(['node pool "realtime" (node subnet weu1-nodes-realtime)', 'node pool "realtime" (pod subnet weu1-pods-realtime)']);
  });
});
