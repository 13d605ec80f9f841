import type { EventsStore, RuleTarget } from '../../events/events-store';
import type { RuleScheduler } from '../../events/rule-scheduler';
import { parseSchedule, ScheduleExpressionError } from '../../events/schedule-expression';
import type { S3Store } from '../../s3/s3-store';
import { ResourceFailure, type ResourceProvider } from '../resource-provider';

/** AWS::S3::Bucket, AWS::Events::Rule (schedules really fire) and AWS::CloudFormation::WaitConditionHandle. */
export function miscProviders(deps: { s3: S3Store; events: EventsStore; scheduler: RuleScheduler }): Record<string, ResourceProvider> {
  return {
    'AWS::S3::Bucket': {
      create(request) {
        const name = request.properties.BucketName !== undefined ? String(request.properties.BucketName) : request.physicalName({ maxLength: 63, lowercase: true });
        if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) || name.includes('..')) {
          throw new ResourceFailure(`Bucket name should not contain uppercase characters or other invalid characters: ${name}`);
        }
        if (!deps.s3.createBucket(name, request.region)) throw new ResourceFailure(`${name} already exists`);
        return {
          physicalId: name,
          attributes: {
            Arn: `arn:aws:s3:::${name}`,
            DomainName: `${name}.s3.amazonaws.com`,
            RegionalDomainName: `${name}.s3.${request.region}.amazonaws.com`,
            DualStackDomainName: `${name}.s3.dualstack.${request.region}.amazonaws.com`,
            WebsiteURL: `http://${name}.s3-website-${request.region}.amazonaws.com`,
          },
        };
      },
      async delete(request) {
        const result = await deps.s3.deleteBucket(request.physicalId);
        if (result === 'not-empty') {
          throw new ResourceFailure(
            'The bucket you tried to delete is not empty (Service: S3, Status Code: 409, Error Code: BucketNotEmpty)',
          );
        }
      },
    },
    'AWS::Events::Rule': {
      create(request) {
        const p = request.properties;
        const schedule = p.ScheduleExpression === undefined ? undefined : String(p.ScheduleExpression);
        if (schedule === undefined && p.EventPattern === undefined) {
          throw new ResourceFailure('Parameter(s) EventPattern or ScheduleExpression must be specified.');
        }
        if (schedule !== undefined) {
          try {
            parseSchedule(schedule);
          } catch (error) {
            if (error instanceof ScheduleExpressionError) throw new ResourceFailure(error.message);
            throw error;
          }
        }
        const targets: RuleTarget[] = (Array.isArray(p.Targets) ? p.Targets : []).map((target: Record<string, unknown>) => {
          if (!target?.Id || !target.Arn) throw new ResourceFailure('Every target needs an Id and an Arn.');
          return {
            Id: String(target.Id),
            Arn: String(target.Arn),
            ...(target.Input !== undefined ? { Input: typeof target.Input === 'string' ? target.Input : JSON.stringify(target.Input) } : {}),
            ...(target.InputPath !== undefined ? { InputPath: String(target.InputPath) } : {}),
          };
        });
        const rule = deps.events.create({
          Name: p.Name !== undefined ? String(p.Name) : request.physicalName({ maxLength: 64 }),
          Region: request.region,
          EventBusName: p.EventBusName === undefined ? 'default' : String(p.EventBusName),
          ScheduleExpression: schedule,
          EventPattern: p.EventPattern === undefined ? undefined : JSON.stringify(p.EventPattern),
          State: p.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
          Description: p.Description === undefined ? undefined : String(p.Description),
          Targets: targets,
        });
        deps.scheduler.refresh(rule.Region, rule.Name);
        return { physicalId: rule.Name, attributes: { Arn: rule.Arn } };
      },
      delete(request) {
        deps.events.delete(request.region, request.physicalId);
        deps.scheduler.refresh(request.region, request.physicalId);
      },
    },
    'AWS::CloudFormation::WaitConditionHandle': {
      create(request) {
        const id = `${request.stackId}/${request.logicalId}`;
        return { physicalId: id, ref: id };
      },
      delete() {},
    },
  };
}
