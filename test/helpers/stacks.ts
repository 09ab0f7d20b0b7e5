import * as fs from 'fs';
import * as path from 'path';
import { TerraformJson } from '../../lib/testing/synth';

/** Writes a stack's cdk.tf.json into `dir` (created), and returns `dir`. */
export function writeStack(dir: string, document: object): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), `${JSON.stringify(document, null, 2)}\n`);
  return dir;
}

/**
 * A copy of a synthesized unit with a firewall rule of the user's own (not made by the unit) that opens
 * SSH (tcp 22) from 0.0.0.0/0 to the general pool: no document lists it (network.exact-ports), and only
 * HTTPS may face the internet (network.no-world-open).
 */
export function withWorldOpenSsh(unit: TerraformJson): TerraformJson {
  const open = JSON.parse(JSON.stringify(unit)) as TerraformJson;
  const general = unit['//'].cxunit.boundaries.nodeTags.general;
  const network = Object.values(open.resource.google_compute_firewall as Record<string, { network: string }>)[0].network;
  open.resource.google_compute_firewall.ssh = { name: 'usw1-ssh', network, allow: [{ protocol: 'tcp', ports: ['22'] }], source_ranges: ['0.0.0.0/0'], target_tags: [general] };
  return open;
}
