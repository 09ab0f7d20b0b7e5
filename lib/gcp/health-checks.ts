/**
 * Google Cloud's load-balancer and health-check source ranges (not in the vendor documents: GCP's own,
 * "Health checks overview > Probe IP ranges and firewall rules"). A GKE unit declares them as the
 * health-check peers of its ingress boundary.
 */
export const GOOGLE_HEALTH_CHECK_RANGES: readonly string[] = ['35.191.0.0/16', '130.211.0.0/22', '209.85.152.0/22', '209.85.204.0/22'];
