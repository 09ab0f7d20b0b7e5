import { exactPorts } from '../../policies/network/exact-ports';
import { stackFromCdktfDocument } from '../../lib/policy/inputs';
import { networkFixture, triples } from './fixtures';

const FIX = "no documented flow of the unit's boundaries needs it: remove the rule or narrow its ports, ranges and targets to the documented flows";
const unexpected = (flow: string, rule: string) => `unexpected flow: ${flow}, opened by ${rule}; ${FIX}`;
const EGRESS_FIX = 'the unit declares egress lockdown but nothing denies this egress: add a deny-all egress rule below the allow rules (one for 0.0.0.0/0 and, on an IPv6 network, one for ::/0)';
const SBC = '["//"].cxunit.boundaries.sbc';
const SBC_RULE = 'google_compute_firewall.sbc_ingress';
const REALTIME = 'google_container_node_pool.realtime';
const GENERAL = 'google_container_node_pool.general';
const NO_ALLOW = 'no rule allows it (the implied deny-ingress rule applies)';

describe('network.exact-ports', () => {
  it('passes a unit whose firewall opens exactly its documented flows', () => {
    expect(exactPorts.evaluate(networkFixture('compliant'))).toEqual([]);
  });

  it('passes a unit with egress lockdown whose egress rules match the documented egress flows', () => {
    expect(exactPorts.evaluate(networkFixture('egress-lockdown'))).toEqual([]);
  });

  it('fails on an extra port, naming the rule that opens it', () => {
    expect(triples(exactPorts, networkFixture('extra-port'))).toEqual([
      ['google_compute_firewall.admin', 'resource.google_compute_firewall.admin.allow[0]',
        unexpected(`INGRESS tcp 8443 from 10.20.0.0/16 to ${GENERAL}`, 'google_compute_firewall.admin (allow, priority 1000)')],
    ]);
  });

  it('says an unexpected flow lacks a catalog reference', () => {
    expect(exactPorts.evaluate(networkFixture('extra-port'))[0].reference).toBe(
      'no catalog connection documents this flow for unit u1 (checked against Setting up Genesys Multicloud CX Private Edition, Communication ports and protocols; Voice connectivity; connection tables of 000, 001, 002, 004)');
  });

  it('fails on a missing port, citing the catalog connection that needs it', () => {
    const stack = networkFixture('missing-port');
    expect(triples(exactPorts, stack)).toEqual([
      ['stack', SBC, `missing flow (sbc-ingress): INGRESS udp 5080 from 192.0.2.0/24 to ${REALTIME}; ${NO_ALLOW}: add an allow rule for it`],
    ]);
    expect(exactPorts.evaluate(stack)[0].reference).toBe('Setting up Genesys Multicloud CX Private Edition, Voice connectivity: Connections row 1');
  });

  it('fails on a port range wider than documented, reporting only the excess', () => {
    expect(triples(exactPorts, networkFixture('wider-range'))).toEqual([
      [SBC_RULE, `resource.google_compute_firewall.sbc_ingress.allow[1]`, unexpected(`INGRESS udp 45001-50000 from 192.0.2.0/24 to ${REALTIME}`, `${SBC_RULE} (allow, priority 1000)`)],
    ]);
  });

  it('fails when a deny rule shadows a documented port', () => {
    const stack = networkFixture('deny-shadowing');
    expect(triples(exactPorts, stack)).toEqual([
      ['google_compute_firewall.deny_https', 'resource.google_compute_firewall.deny_https.deny[0]',
        `missing flow (internet-ingress): INGRESS tcp 443 from 0.0.0.0/0 to ${GENERAL}; it is denied by google_compute_firewall.deny_https (deny, priority 900), which comes first: allow it at a higher priority (lower number) than 900 or narrow the deny`],
    ]);
    // The unit runs neither Telemetry (000 row 1) nor Pulse (001 row 27): its HTTPS ingress is the load balancer's, for WebRTC, IWD and CX Contact.
    expect(exactPorts.evaluate(stack)[0].reference).toBe('Setting up Genesys Multicloud CX Private Edition, Third-party dependencies for Genesys Multicloud CX services row Load balancer');
  });

  it('fails when the rule that opens documented flows is disabled, and says so', () => {
    const because = `${NO_ALLOW}; ${SBC_RULE} would allow it but is disabled: add an allow rule for it or enable the disabled one`;
    const stack = networkFixture('disabled-rule');
    expect(triples(exactPorts, stack)).toEqual([
      ['stack', SBC, `missing flow (sbc-ingress): INGRESS tcp 5080 from 192.0.2.0/24 to ${REALTIME}; ${because}`],
      ['stack', SBC, `missing flow (sbc-ingress): INGRESS udp 5080 from 192.0.2.0/24 to ${REALTIME}; ${because}`],
      ['stack', SBC, `missing flow (sbc-ingress): INGRESS udp 20000-45000 from 192.0.2.0/24 to ${REALTIME}; ${because}`],
    ]);
    expect(exactPorts.evaluate(stack).map((v) => v.reference)[2]).toBe(
      'Setting up Genesys Multicloud CX Private Edition, Voice connectivity: Connections row 12; Setting up Genesys Multicloud CX Private Edition, Communication ports and protocols: List by service row Genesys Voice Platform #11; Setting up Genesys Multicloud CX Private Edition, Voice connectivity: Connections row 16');
  });

  it('fails on protocol "all", reporting every port and protocol beyond the documented ones', () => {
    const rule = `${SBC_RULE} (allow, priority 1000)`;
    const path = 'resource.google_compute_firewall.sbc_ingress.allow[0]';
    expect(triples(exactPorts, networkFixture('all-protocol'))).toEqual([
      [SBC_RULE, path, unexpected(`INGRESS tcp 0-5079 from 192.0.2.0/24 to ${REALTIME}`, rule)],
      [SBC_RULE, path, unexpected(`INGRESS tcp 5081-65535 from 192.0.2.0/24 to ${REALTIME}`, rule)],
      [SBC_RULE, path, unexpected(`INGRESS udp 0-5079 from 192.0.2.0/24 to ${REALTIME}`, rule)],
      [SBC_RULE, path, unexpected(`INGRESS udp 5081-19999 from 192.0.2.0/24 to ${REALTIME}`, rule)],
      [SBC_RULE, path, unexpected(`INGRESS udp 45001-65535 from 192.0.2.0/24 to ${REALTIME}`, rule)],
      [SBC_RULE, path, unexpected(`INGRESS other protocols from 192.0.2.0/24 to ${REALTIME}`, rule)],
    ]);
  });

  it('fails on a rule whose source is a network tag (instances, not addresses)', () => {
    expect(triples(exactPorts, networkFixture('source-tag'))).toEqual([
      ['google_compute_firewall.bastion', 'resource.google_compute_firewall.bastion.allow[0]',
        unexpected(`INGRESS tcp 22 from instances tagged bastion to ${GENERAL}, ${REALTIME}`, 'google_compute_firewall.bastion (allow, priority 1000)')],
    ]);
  });

  it('fails when a rule targets the wrong pool by service account: unexpected there, missing where documented', () => {
    const rule = `${SBC_RULE} (allow, priority 1000)`;
    expect(triples(exactPorts, networkFixture('target-service-account'))).toEqual([
      [SBC_RULE, 'resource.google_compute_firewall.sbc_ingress.allow[0]', unexpected(`INGRESS tcp 5080 from 192.0.2.0/24 to ${GENERAL}`, rule)],
      [SBC_RULE, 'resource.google_compute_firewall.sbc_ingress.allow[1]', unexpected(`INGRESS udp 5080 from 192.0.2.0/24 to ${GENERAL}`, rule)],
      [SBC_RULE, 'resource.google_compute_firewall.sbc_ingress.allow[1]', unexpected(`INGRESS udp 20000-45000 from 192.0.2.0/24 to ${GENERAL}`, rule)],
      ['stack', SBC, `missing flow (sbc-ingress): INGRESS tcp 5080 from 192.0.2.0/24 to ${REALTIME}; ${NO_ALLOW}: add an allow rule for it`],
      ['stack', SBC, `missing flow (sbc-ingress): INGRESS udp 5080 from 192.0.2.0/24 to ${REALTIME}; ${NO_ALLOW}: add an allow rule for it`],
      ['stack', SBC, `missing flow (sbc-ingress): INGRESS udp 20000-45000 from 192.0.2.0/24 to ${REALTIME}; ${NO_ALLOW}: add an allow rule for it`],
    ]);
  });

  it('fails on internet ingress opened to every pool instead of the ingress pool', () => {
    expect(triples(exactPorts, networkFixture('https-to-every-pool'))).toEqual([
      ['google_compute_firewall.internet_ingress', 'resource.google_compute_firewall.internet_ingress.allow[0]',
        unexpected(`INGRESS tcp 443 from 0.0.0.0/0 to ${REALTIME}`, 'google_compute_firewall.internet_ingress (allow, priority 1000)')],
    ]);
  });

  it('describes a flow open to everything but a private block as such', () => {
    expect(triples(exactPorts, networkFixture('world-open-private-deny'))).toEqual([
      ['google_compute_firewall.ssh', 'resource.google_compute_firewall.ssh.allow[0]',
        unexpected(`INGRESS tcp 22 from 0.0.0.0/0 except 10.0.0.0/8 to ${REALTIME}`, 'google_compute_firewall.ssh (allow, priority 1000)')],
    ]);
  });

  it('fails on IPv6 ingress from ::/0', () => {
    expect(triples(exactPorts, networkFixture('world-open-ipv6'))).toEqual([
      ['google_compute_firewall.ssh_v6', 'resource.google_compute_firewall.ssh_v6.allow[0]',
        unexpected(`INGRESS tcp 22 from ::/0 to ${GENERAL}`, 'google_compute_firewall.ssh_v6 (allow, priority 1000)')],
    ]);
  });

  it('compares egress only under egress lockdown: without a deny-all rule, the implied allow-egress rule is unexpected', () => {
    const pools = `${GENERAL}, ${REALTIME}`;
    const rule = 'the implied allow-egress rule';
    const at = '["//"].cxunit.boundaries.egressLockdown';
    const egress = (flow: string) => ['stack', at, `unexpected flow: ${flow}, opened by ${rule}; ${EGRESS_FIX}`];
    expect(triples(exactPorts, networkFixture('egress-lockdown-open'))).toEqual([
      egress(`EGRESS tcp 0-19 from ${pools} to 0.0.0.0/0 except 10.0.0.0/16`),
      egress(`EGRESS tcp 23-24 from ${pools} to 0.0.0.0/0 except 10.0.0.0/16`),
      egress(`EGRESS tcp 26-442 from ${pools} to 0.0.0.0/0 except 10.0.0.0/16`),
      egress(`EGRESS tcp 444-586 from ${pools} to 0.0.0.0/0 except 10.0.0.0/16`),
      egress(`EGRESS tcp 588-992 from ${pools} to 0.0.0.0/0 except 10.0.0.0/16`),
      egress(`EGRESS tcp 994-65535 from ${pools} to 0.0.0.0/0 except 10.0.0.0/16`),
      egress(`EGRESS udp (all ports) from ${GENERAL} to 0.0.0.0/0 except 10.0.0.0/16`),
      egress(`EGRESS other protocols from ${pools} to 0.0.0.0/0 except 10.0.0.0/16`),
      egress(`EGRESS udp (all ports) from ${REALTIME} to 0.0.0.0/0 except 10.0.0.0/16, 192.0.2.0/24`),
      egress(`EGRESS udp 0-5059 from ${REALTIME} to 192.0.2.0/24`),
      egress(`EGRESS udp 5061-19999 from ${REALTIME} to 192.0.2.0/24`),
      egress(`EGRESS udp 45001-65535 from ${REALTIME} to 192.0.2.0/24`),
    ]);
  });

  it('passes egress RTP to the SBC\'s declared media range (sbcRtpPortRange), not ours (003 voice rows 11, 15)', () => {
    expect(exactPorts.evaluate(networkFixture('sbc-media-range'))).toEqual([]);
  });

  it('fails when egress RTP goes to our range although the unit declares the SBC\'s', () => {
    const rule = 'google_compute_firewall.sbc_egress';
    expect(triples(exactPorts, networkFixture('sbc-media-range-ours'))).toEqual([
      [rule, `resource.${rule}.allow[0]`, unexpected(`EGRESS udp 32768-45000 from ${REALTIME} to 192.0.2.0/24`, `${rule} (allow, priority 1000)`)],
      ['google_compute_firewall.deny_all_egress', 'resource.google_compute_firewall.deny_all_egress.deny[0]',
        `missing flow (sbc-egress): EGRESS udp 16384-19999 from ${REALTIME} to 192.0.2.0/24 (part of the documented EGRESS udp 16384-32767 from tags u1-realtime to 192.0.2.0/24); `
        + 'it is denied by google_compute_firewall.deny_all_egress (deny, priority 65534), which comes first: allow it at a higher priority (lower number) than 65534 or narrow the deny'],
    ]);
  });

  it('ignores egress without lockdown: the implied allow-all egress is by design', () => {
    const stack = networkFixture('compliant');
    expect(stack.boundaries?.egressLockdown).toBe(false);
    expect(exactPorts.evaluate(stack)).toEqual([]);
  });

  it('cannot verify (and does not pass) a rule whose source ranges are an unresolved reference', () => {
    expect(exactPorts.evaluate(networkFixture('unresolved-reference'))).toEqual([{
      address: SBC_RULE,
      path: 'resource.google_compute_firewall.sbc_ingress.source_ranges',
      message: 'cannot verify that the firewall opens exactly the documented flows: source_ranges is an unresolved reference (${var.sbc_source_ranges}); '
        + 'what it opens or closes cannot be computed from the Terraform (the other rules were evaluated without it): use literal values (or suppress with a reason)',
      cannotVerify: true,
    }]);
  });

  it('reports once that it cannot verify the documentable flows of a stack without declared boundaries', () => {
    expect(exactPorts.evaluate(networkFixture('no-metadata'))).toEqual([{
      address: 'stack',
      path: '["//"].cxunit.boundaries',
      message: 'cannot verify that the other 5 opened flows (e.g. INGRESS tcp 443 from 0.0.0.0/0 to google_container_node_pool.general) are this unit\'s documented flows: the stack has no '
        + 'cxunit unit metadata ("//".cxunit.boundaries, which GkeUnit and AksUnit write; a plan reads it from the cdk.tf.json beside it), so which boundaries the unit '
        + 'opens is unknown; their ports are documented for some unit: build the unit with GkeUnit or AksUnit, keep the cdk.tf.json beside the plan, or suppress this finding with a reason',
      cannotVerify: true,
    }]);
  });

  it('does not blame a stack without metadata for the cloud\'s own default rules: an AKS subnet NSG that allows only HTTPS', () => {
    // Azure's AllowVnetInBound (65000) and AllowAzureLoadBalancerInBound (65001) are on every NSG and cannot be
    // removed; "remove the rule" cannot be done. What they open is left to the one cannot-verify finding.
    const document = {
      resource: {
        azurerm_virtual_network: { vnet: { name: 'cx-vnet', resource_group_name: 'cx', location: 'westeurope', address_space: ['10.50.0.0/16'] } },
        azurerm_subnet: { aks: { name: 'aks', resource_group_name: 'cx', virtual_network_name: 'cx-vnet', address_prefixes: ['10.50.0.0/20'] } },
        azurerm_network_security_group: { aks: { name: 'aks-nsg', resource_group_name: 'cx', location: 'westeurope', security_rule: [
          { name: 'https', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_port_range: '*', destination_port_range: '443', source_address_prefix: 'Internet', destination_address_prefix: '*' },
        ] } },
        azurerm_subnet_network_security_group_association: { aks: { subnet_id: '${azurerm_subnet.aks.id}', network_security_group_id: '${azurerm_network_security_group.aks.id}' } },
        azurerm_kubernetes_cluster: { cx: { name: 'cx', resource_group_name: 'cx', location: 'westeurope', dns_prefix: 'cx',
          default_node_pool: [{ name: 'general', vm_size: 'Standard_D8s_v5', vnet_subnet_id: '${azurerm_subnet.aks.id}', zones: ['1', '2', '3'] }],
          network_profile: [{ network_plugin: 'azure', service_cidr: '172.16.0.0/16', dns_service_ip: '172.16.0.10' }] } },
      },
    };
    const findings = exactPorts.evaluate(stackFromCdktfDocument(document, 'aks.tf.json', 'aks').stack!);
    expect(findings.map((f) => [f.address, f.cannotVerify ?? false])).toEqual([['stack', true]]);
  });

  it('reports a documented target tag that no node pool carries', () => {
    const stack = networkFixture('compliant');
    const withoutRealtime = { ...stack, resources: stack.resources.filter((r) => r.address !== REALTIME) };
    expect(triples(exactPorts, withoutRealtime)).toEqual([
      ['stack', '["//"].cxunit.boundaries.nodeTags',
        'missing flows: no node pool carries network tag u1-realtime, which 3 documented flows target (INGRESS tcp 5080 from 192.0.2.0/24 to tags u1-realtime; '
        + 'INGRESS udp 5080 from 192.0.2.0/24 to tags u1-realtime; INGRESS udp 20000-45000 from 192.0.2.0/24 to tags u1-realtime): '
        + 'add the tag to the node pool\'s node_config.tags, or correct "//".cxunit.boundaries.nodeTags'],
    ]);
  });
});
