import { Rule, Violation } from '../../lib/policy/model';
import { read } from '../../lib/policy/values';
import { SETUP_DOCUMENT } from '../shared/document';
import { cannotVerify, show } from '../shared/findings';
import { gkeClusters } from '../shared/stack';
import { describeZones, MINIMUM_ZONES, zonesOf } from '../shared/zones';
import { gkeNotApplicable } from '../shared/applicability';

/** A Google Cloud zone (`us-west1-a`) and region (`us-west1`, `northamerica-northeast1`). */
const ZONE = /^[a-z]+(?:-[a-z]+)*\d+-[a-z]$/;
const REGION = /^[a-z]+(?:-[a-z]+)*\d+$/;

export const regional: Rule = {
  id: 'gke.regional',
  pack: 'gke',
  title: 'The cluster is regional and spans at least three zones',
  severity: 'error',
  rationale: '003 "High availability and disaster recovery": "In the cloud architecture, high availability is achieved '
    + 'by deploying instances within different Availability Zones", and a unit is one region (003 "Architecture > '
    + 'Platform"). A zonal cluster has one control plane in one zone and puts every node in it. The cluster\'s '
    + '`location` must be a region, and `node_locations`, when set, must name at least three zones. An unset '
    + '`location` fails: the provider then takes its own default location, which is usually a zone.',
  reference: { document: SETUP_DOCUMENT, section: 'High availability and disaster recovery > Cloud architecture' },
  remediation: 'Set `location` to the unit\'s region (e.g. "us-west1") and leave `node_locations` unset or name at least '
    + 'three of its zones. A cluster\'s location cannot change: the cluster is replaced.',
  suppressible: true,
  notApplicable: gkeNotApplicable,
  evaluate(stack) {
    const violations: Violation[] = [];
    for (const cluster of gkeClusters(stack)) {
      const location = read(cluster, 'location');
      if (location.kind === 'unknown') violations.push(cannotVerify(cluster, location, 'that the cluster is regional'));
      else if (location.kind === 'absent') {
        violations.push({ address: cluster.address, path: location.path, message: 'location is not set, so the provider\'s default location applies: set location to the unit\'s region (e.g. "us-west1")' });
      } else if (ZONE.test(String(location.value))) {
        const region = String(location.value).replace(/-[a-z]$/, '');
        violations.push({ address: cluster.address, path: location.path, message: `location is the zone ${show(location.value)}, which makes a zonal cluster: set location to the region "${region}"` });
      } else if (!REGION.test(String(location.value))) {
        violations.push({ address: cluster.address, path: location.path, message: `location ${show(location.value)} is not a Google Cloud region: set location to the unit's region (e.g. "us-west1")` });
      }

      const nodeLocations = read(cluster, 'node_locations');
      if (nodeLocations.kind === 'unknown') violations.push(cannotVerify(cluster, nodeLocations, 'the zones of the cluster'));
      else if (nodeLocations.kind === 'value' && Array.isArray(nodeLocations.value)) {
        const { zones, unresolved } = zonesOf(nodeLocations.value);
        if (zones.length < MINIMUM_ZONES && unresolved) {
          violations.push({ address: cluster.address, path: nodeLocations.path, message: 'cannot verify the zones of the cluster: node_locations holds unresolved references or values unknown until apply', cannotVerify: true });
        } else if (zones.length < MINIMUM_ZONES) {
          violations.push({ address: cluster.address, path: nodeLocations.path, message: `node_locations names ${describeZones(zones)}: name at least ${MINIMUM_ZONES} zones or leave node_locations unset` });
        }
      }
    }
    return violations;
  },
};
