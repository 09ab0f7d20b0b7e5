import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers/cli';

/** Runs the provenance audit (the compiled catalog and rules against a folder of documents). */
function audit(args: readonly string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/audit-sources.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run audit:sources (the vendor documents are not in the repository: CI runs the audit where they are)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cxunit-audit-'));
    // A Telemetry Service document whose Connections table numbers five rows, where the catalog has six.
    fs.writeFileSync(path.join(dir, '000_e0528e38664dbd69.txt'), 'Connections table\n\nConnection Source Destination\n1 Browser\n2 Ingress\nproxy\n3 Ingress\n4 Telemetry\n5 Telemetry\n8107 port cell\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('fails naming the missing documents and the table whose row count differs', () => {
    const result = audit([dir]);
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      `FAIL the 5 cited documents are in ${dir}`,
      '       001_77ebb1df80586335.txt (cited by catalog connections) is missing',
      '       002_0c7a81c9de55e4ae.txt (cited by catalog connections) is missing',
      '       003_74d96401c83dc4a0.txt (cited by catalog connections, catalog servicePorts, catalog storageClasses, catalog thirdPartyDependencies, catalog serviceGroups, catalog priorityClasses, catalog servicePriorities, catalog nodePools, catalog supportedFeatures, catalog unsupportedFeatures, catalog versions, '
        + 'rule gke.no-autopilot, rule gke.vpc-native, rule gke.public-cluster, rule gke.no-sandbox, rule gke.no-cmek, rule gke.no-service-mesh-addon, rule gke.no-gke-ingress, rule gke.lb-firewall-reconciliation, rule gke.no-network-policy, rule gke.filestore-csi, rule gke.cos-containerd, rule gke.node-pools, rule gke.realtime-drain, rule gke.regional, rule gke.single-cluster, rule gke.unit-peering, rule gke.kubernetes-version, '
        + 'rule aks.pod-networking, rule aks.no-network-policy, rule aks.no-service-mesh-addon, rule aks.csi-drivers, rule aks.node-pools, rule aks.realtime-drain, rule aks.zones, rule aks.single-cluster, rule aks.kubernetes-version, '
        + 'rule network.exact-ports, rule network.no-world-open, rule network.external-peers, rule kubernetes.storage-classes, rule kubernetes.namespaces, rule kubernetes.priority-classes, rule kubernetes.no-network-policies) is missing',
      '       004_89e3f9c4c1ddf46d.txt (cited by catalog connections) is missing',
      'FAIL 000_e0528e38664dbd69.txt: the catalog has the 5 rows of its Connections table',
      '       the document numbers 5 rows; the catalog has rows 1, 2, 3, 4, 5, 6',
      'ok   the sections the gke, aks and kubernetes rules cite exist',
      'audit-sources: 2 of 3 checks failed',
      '',
    ]);
  });

  it('refuses a folder that does not exist, with exit code 2', () => {
    expect(audit([path.join(dir, 'missing')])).toEqual({
      status: 2,
      stdout: '',
      stderr: `audit-sources: ${path.join(dir, 'missing')} is not a directory\nusage: npm run audit:sources -- DIR (the folder holding the vendor documents, e.g. 003_74d96401c83dc4a0.txt)\n`,
    });
  });
});
