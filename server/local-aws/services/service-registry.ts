import type { ServiceDefinition } from '../protocols/service-definition';

/**
 * Looks services up the three ways the edge routes requests: by SigV4 signing name, by the
 * X-Amz-Target prefix of JSON protocols, and by the (Action, Version) of query protocols.
 */
export class ServiceRegistry {
  private readonly bySigningName = new Map<string, ServiceDefinition>();
  private readonly byTargetPrefix = new Map<string, ServiceDefinition>();
  private readonly byApiVersion = new Map<string, ServiceDefinition>();

  constructor(readonly services: ServiceDefinition[]) {
    for (const service of services) {
      this.bySigningName.set(service.signingName, service);
      if (service.protocol === 'json-1.1') this.byTargetPrefix.set(service.targetPrefix, service);
      if (service.protocol === 'ec2-query' || service.protocol === 'aws-query') this.byApiVersion.set(service.apiVersion, service);
    }
  }

  forSigningName(name: string) {
    return this.bySigningName.get(name);
  }

  forTargetPrefix(prefix: string) {
    return this.byTargetPrefix.get(prefix);
  }

  /** Unsigned query requests: Version tells EC2 (2016-11-15) from CloudFormation (2010-05-15) and STS. */
  forQueryAction(action: string, version: string | undefined) {
    if (version) return this.byApiVersion.get(version);
    return this.services.find(
      (service) => (service.protocol === 'ec2-query' || service.protocol === 'aws-query') && action in service.operations,
    );
  }

  get s3() {
    return this.bySigningName.get('s3');
  }
}
