import { AwsError } from '../../../errors';
import { requireProperty, ResourceFailure, type ResourceProvider } from '../resource-provider';

/**
 * The part of Athena's catalog (services/athena/athena-store.ts) that AWS::Athena::WorkGroup and
 * AWS::Athena::NamedQuery write through, so what a stack creates is what the Athena API serves.
 */
export interface AthenaCatalog {
  createWorkGroup(
    region: string,
    input: { Name: string; Description?: string; Configuration?: Record<string, unknown>; Tags?: { Key: string; Value: string }[] },
  ): { Name: string; CreationTime: Date; Configuration?: { EngineVersion?: { EffectiveEngineVersion?: string } } };
  updateWorkGroup(region: string, name: string, input: { State?: 'ENABLED' | 'DISABLED' }): unknown;
  deleteWorkGroup(region: string, name: string, options?: { recursive?: boolean }): void;
  createNamedQuery(
    region: string,
    input: { Name: string; Description?: string; Database: string; QueryString: string; WorkGroup?: string },
  ): string;
  deleteNamedQuery(region: string, id: string): void;
}

export function athenaProviders(catalog: () => AthenaCatalog | undefined): Record<string, ResourceProvider> {
  const require = () => {
    const found = catalog();
    if (!found) throw new ResourceFailure('Athena is not available on this local AWS.');
    return found;
  };
  return {
    'AWS::Athena::WorkGroup': {
      create(request) {
        const athena = require();
        const name = String(requireProperty(request, 'Name'));
        const configuration = request.properties.WorkGroupConfiguration as Record<string, unknown> | undefined;
        const workGroup = athena.createWorkGroup(request.region, {
          Name: name,
          Description: request.properties.Description === undefined ? undefined : String(request.properties.Description),
          Configuration: configuration ? normalizeConfiguration(configuration) : undefined,
          Tags: Array.isArray(request.properties.Tags)
            ? (request.properties.Tags as { Key: unknown; Value: unknown }[]).map((tag) => ({ Key: String(tag.Key), Value: String(tag.Value) }))
            : undefined,
        });
        if (request.properties.State === 'DISABLED') athena.updateWorkGroup(request.region, name, { State: 'DISABLED' });
        return {
          physicalId: workGroup.Name,
          attributes: {
            CreationTime: workGroup.CreationTime instanceof Date ? workGroup.CreationTime.toISOString() : String(workGroup.CreationTime),
            'WorkGroupConfiguration.EngineVersion.EffectiveEngineVersion':
              workGroup.Configuration?.EngineVersion?.EffectiveEngineVersion ?? 'Athena engine version 3',
            RecursiveDeleteOption: String(request.properties.RecursiveDeleteOption ?? false),
          },
        };
      },
      delete(request) {
        const athena = require();
        const recursive = String(request.properties.RecursiveDeleteOption ?? 'false').toLowerCase() === 'true';
        try {
          athena.deleteWorkGroup(request.region, request.physicalId, { recursive });
        } catch (error) {
          if (error instanceof AwsError && /not found|does not exist/i.test(error.message)) return;
          throw error;
        }
      },
    },
    'AWS::Athena::NamedQuery': {
      create(request) {
        const athena = require();
        const id = athena.createNamedQuery(request.region, {
          Name: request.properties.Name === undefined ? request.physicalName({ maxLength: 128 }) : String(request.properties.Name),
          Description: request.properties.Description === undefined ? undefined : String(request.properties.Description),
          Database: String(requireProperty(request, 'Database')),
          QueryString: String(requireProperty(request, 'QueryString')),
          WorkGroup: request.properties.WorkGroup === undefined ? undefined : String(request.properties.WorkGroup),
        });
        return { physicalId: id, attributes: { NamedQueryId: id } };
      },
      delete(request) {
        const athena = require();
        try {
          athena.deleteNamedQuery(request.region, request.physicalId);
        } catch (error) {
          if (error instanceof AwsError && /not found|does not exist/i.test(error.message)) return;
          throw error;
        }
      },
    },
  };
}

/** WorkGroupConfiguration as CloudFormation writes it → the Athena API's Configuration. */
function normalizeConfiguration(configuration: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...configuration };
  for (const key of ['EnforceWorkGroupConfiguration', 'PublishCloudWatchMetricsEnabled', 'RequesterPaysEnabled']) {
    if (out[key] !== undefined) out[key] = String(out[key]).toLowerCase() === 'true';
  }
  if (out.BytesScannedCutoffPerQuery !== undefined) out.BytesScannedCutoffPerQuery = Number(out.BytesScannedCutoffPerQuery);
  return out;
}
