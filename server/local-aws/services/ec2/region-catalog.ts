/**
 * The commercial AWS regions, with the zone ids AWS uses for them. Local AWS serves every region:
 * state is kept per region, as it is on AWS.
 */
export interface RegionEntry {
  name: string;
  /** Short zone-id prefix AWS uses (use1-az1). */
  zoneIdPrefix: string;
  zones: number;
  optIn: boolean;
}

export const REGION_CATALOG: readonly RegionEntry[] = [
  { name: 'us-east-1', zoneIdPrefix: 'use1', zones: 6, optIn: false },
  { name: 'us-east-2', zoneIdPrefix: 'use2', zones: 3, optIn: false },
  { name: 'us-west-1', zoneIdPrefix: 'usw1', zones: 2, optIn: false },
  { name: 'us-west-2', zoneIdPrefix: 'usw2', zones: 4, optIn: false },
  { name: 'ca-central-1', zoneIdPrefix: 'cac1', zones: 3, optIn: false },
  { name: 'sa-east-1', zoneIdPrefix: 'sae1', zones: 3, optIn: false },
  { name: 'eu-west-1', zoneIdPrefix: 'euw1', zones: 3, optIn: false },
  { name: 'eu-west-2', zoneIdPrefix: 'euw2', zones: 3, optIn: false },
  { name: 'eu-west-3', zoneIdPrefix: 'euw3', zones: 3, optIn: false },
  { name: 'eu-central-1', zoneIdPrefix: 'euc1', zones: 3, optIn: false },
  { name: 'eu-north-1', zoneIdPrefix: 'eun1', zones: 3, optIn: false },
  { name: 'ap-northeast-1', zoneIdPrefix: 'apne1', zones: 3, optIn: false },
  { name: 'ap-northeast-2', zoneIdPrefix: 'apne2', zones: 4, optIn: false },
  { name: 'ap-northeast-3', zoneIdPrefix: 'apne3', zones: 3, optIn: false },
  { name: 'ap-southeast-1', zoneIdPrefix: 'apse1', zones: 3, optIn: false },
  { name: 'ap-southeast-2', zoneIdPrefix: 'apse2', zones: 3, optIn: false },
  { name: 'ap-south-1', zoneIdPrefix: 'aps1', zones: 3, optIn: false },
  { name: 'ap-east-1', zoneIdPrefix: 'ape1', zones: 3, optIn: true },
  { name: 'me-south-1', zoneIdPrefix: 'mes1', zones: 3, optIn: true },
  { name: 'af-south-1', zoneIdPrefix: 'afs1', zones: 3, optIn: true },
];

export function findRegion(name: string) {
  return REGION_CATALOG.find((region) => region.name === name);
}
