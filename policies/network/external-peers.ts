import { formatPortRange } from '../../lib/architecture/ports';
import { documentedFlows } from '../../lib/network/documented-flows';
import { Rule } from '../../lib/policy/model';
import { BOUNDARIES_PATH, catalogReferences, deployTimeFindings } from './flow-text';
import { catalogOf } from '../shared/catalog';
import { networkNotApplicable } from '../shared/applicability';

/** Where a unit names each kind of external peer, for the fix. */
const PEER_SETTINGS: Readonly<Record<string, string>> = {
  mail: 'units.yaml externalPeers.mail (GkeUnitProps.mailServerRanges)',
  sftp: 'units.yaml externalPeers.sftp (GkeUnitProps.sftpServerRanges)',
};

export const externalPeers: Rule = {
  id: 'network.external-peers',
  pack: 'network',
  title: 'Egress lockdown names the external servers its services reach',
  severity: 'warning',
  rationale: '003 "Communication ports and protocols: List by service" gives the ports that some services use to reach '
    + 'servers outside the unit (Intelligent Workload Distribution row 2: SMTP 25 and 587, IMAPS 993 and HTTPS 443 for '
    + 'e-mail; CX Contact row 4: FTP 20 and 21 and SFTP 22), but not where those servers are. A unit that locks egress down '
    + 'and names none opens these ports to every address, which is exactly the exposure the lockdown exists to prevent. '
    + 'The flow is documented, so this is a warning, not an error.',
  reference: { document: '003_74d96401c83dc4a0.txt', section: 'Communication ports and protocols' },
  remediation: 'Name the mail servers and SFTP servers the unit\'s services reach (units.yaml `externalPeers`, or '
    + '`mailServerRanges` / `sftpServerRanges` on GkeUnit); the external-egress rule then opens the ports to those ranges only.',
  suppressible: true,
  notApplicable: networkNotApplicable,
  evaluate(stack, context) {
    if (!stack.boundaries?.egressLockdown) return [];
    const deployTime = deployTimeFindings(stack, 'which external servers egress lockdown opens to every address', 'externalPeers');
    if (deployTime.length > 0) return deployTime;
    const catalog = catalogOf(context);
    // External egress depends on the services and the named peers only; the SBC's (maybe deploy-time) ports play no part.
    const wide = documentedFlows(catalog, { ...stack.boundaries, sbc: undefined }, stack.serviceGroups)
      .filter((flow) => flow.boundary === 'external-egress' && flow.peers.includes('0.0.0.0/0'));
    const byKind = new Map<string, typeof wide>();
    for (const flow of wide) {
      const kinds = catalog.servicePorts.filter((p) => p.externalPeer && flow.references.some((r) => r.row === p.reference.row && r.table === p.reference.table)).map((p) => p.externalPeer!);
      for (const kind of new Set(kinds)) byKind.set(kind, [...(byKind.get(kind) ?? []), flow]);
    }
    return [...byKind].map(([kind, flows]) => ({
      address: 'stack',
      path: `${BOUNDARIES_PATH}.externalPeers`,
      message: `egress lockdown opens ${flows.map((f) => `${f.protocol} ${formatPortRange(f.ports!)}`).join(', ')} to 0.0.0.0/0 for the unit's ${kind} servers: `
        + `name them in ${PEER_SETTINGS[kind]} so that only those ranges are open`,
      reference: catalogReferences(flows.flatMap((f) => f.references).filter((r, i, all) => all.findIndex((o) => o.row === r.row && o.table === r.table) === i)),
    }));
  },
};
