import { AwsError } from '../../errors';
import type { QueryOperation } from '../../protocols/service-definition';
import { checkDryRun } from './ec2-common';
import { matchesAll, readFilters } from './ec2-filters';
import { REGION_CATALOG, findRegion, type RegionEntry } from './region-catalog';

const optInStatus = (region: RegionEntry) => (region.optIn ? 'opted-in' : 'opt-in-not-required');

export const describeRegions: QueryOperation = (params) => {
  const names = params.list('RegionName');
  for (const name of names) {
    if (!findRegion(name)) throw new AwsError('InvalidParameterValue', `Invalid region: ${name}`);
  }
  const filters = readFilters(params, ['endpoint', 'opt-in-status', 'region-name']);
  checkDryRun(params);
  const regions = REGION_CATALOG.filter(
    (region) =>
      (names.length === 0 || names.includes(region.name)) &&
      matchesAll(region, filters, (r, filter) =>
        filter === 'region-name' ? r.name : filter === 'endpoint' ? `ec2.${r.name}.amazonaws.com` : optInStatus(r),
      ),
  );
  return {
    regionInfo: regions.map((region) => ({
      regionName: region.name,
      regionEndpoint: `ec2.${region.name}.amazonaws.com`,
      optInStatus: optInStatus(region),
    })),
  };
};

export const describeAvailabilityZones: QueryOperation = (params, ctx) => {
  const region = findRegion(ctx.region);
  if (!region) throw new AwsError('InvalidParameterValue', `Invalid region: ${ctx.region}`);
  const zones = Array.from({ length: region.zones }, (_, i) => ({
    zoneName: `${region.name}${String.fromCharCode(97 + i)}`,
    zoneId: `${region.zoneIdPrefix}-az${i + 1}`,
  }));
  const zoneNames = params.list('ZoneName');
  const zoneIds = params.list('ZoneId');
  for (const name of zoneNames) {
    if (!zones.some((zone) => zone.zoneName === name)) {
      throw new AwsError('InvalidParameterValue', `The availability zone '${name}' does not exist in region '${region.name}'`);
    }
  }
  const filters = readFilters(params, ['group-name', 'message', 'opt-in-status', 'region-name', 'state', 'zone-id', 'zone-name', 'zone-type']);
  checkDryRun(params);
  const selected = zones.filter(
    (zone) =>
      (zoneNames.length === 0 || zoneNames.includes(zone.zoneName)) &&
      (zoneIds.length === 0 || zoneIds.includes(zone.zoneId)) &&
      matchesAll(zone, filters, (z, filter) =>
        ({
          'group-name': region.name,
          'opt-in-status': 'opt-in-not-required',
          'region-name': region.name,
          state: 'available',
          'zone-id': z.zoneId,
          'zone-name': z.zoneName,
          'zone-type': 'availability-zone',
        })[filter],
      ),
  );
  return {
    availabilityZoneInfo: selected.map((zone) => ({
      optInStatus: 'opt-in-not-required',
      zoneName: zone.zoneName,
      zoneId: zone.zoneId,
      groupName: region.name,
      networkBorderGroup: region.name,
      zoneType: 'availability-zone',
      zoneState: 'available',
      messageSet: [],
      regionName: region.name,
    })),
  };
};
