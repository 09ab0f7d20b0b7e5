/**
 * Ports an NFS client opens to a Filestore instance: Google Cloud, Filestore "Configuring firewall
 * rules" (not in the vendor documents: GCP's own). Filestore serves NFSv3 by default, which uses the
 * portmapper (111), statd (2046), nfsd (2049), mountd (2050) and nlockmgr (4045), each over TCP and UDP.
 * An egress-locked unit opens exactly these to the range its Filestore instances are allocated from.
 */
export const FILESTORE_NFS_PORTS: ReadonlyArray<{ readonly protocol: 'tcp' | 'udp'; readonly ports: readonly string[] }> = [
  { protocol: 'tcp', ports: ['111', '2046', '2049', '2050', '4045'] },
  { protocol: 'udp', ports: ['111', '2046', '2049', '2050', '4045'] },
];
