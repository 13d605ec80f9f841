import type { IamStore } from '../../iam/iam-store';
import { requireProperty, ResourceFailure, type ResourceProvider } from '../resource-provider';

/** AWS::IAM::Role, AWS::IAM::Policy and AWS::IAM::ManagedPolicy as stored records with real ARNs. */
export function iamProviders(iam: IamStore): Record<string, ResourceProvider> {
  return {
    'AWS::IAM::Role': {
      create(request) {
        const p = request.properties;
        const document = requireProperty(request, 'AssumeRolePolicyDocument');
        const name = p.RoleName !== undefined ? String(p.RoleName) : request.physicalName({ maxLength: 64 });
        const inline: Record<string, unknown> = {};
        for (const policy of (Array.isArray(p.Policies) ? p.Policies : []) as { PolicyName?: unknown; PolicyDocument?: unknown }[]) {
          if (!policy?.PolicyName || !policy.PolicyDocument) {
            throw new ResourceFailure(`Properties validation failed for resource ${request.logicalId} with message: #/Policies: required key [PolicyName, PolicyDocument] not found`);
          }
          inline[String(policy.PolicyName)] = policy.PolicyDocument;
        }
        const role = iam.createRole({
          RoleName: name,
          Path: p.Path === undefined ? '/' : String(p.Path),
          AssumeRolePolicyDocument: document,
          Description: p.Description === undefined ? undefined : String(p.Description),
          MaxSessionDuration: p.MaxSessionDuration === undefined ? 3600 : Number(p.MaxSessionDuration),
          Tags: Array.isArray(p.Tags) ? (p.Tags as { Key: string; Value: string }[]) : [],
          InlinePolicies: inline,
          AttachedPolicyArns: Array.isArray(p.ManagedPolicyArns) ? p.ManagedPolicyArns.map(String) : [],
        });
        return { physicalId: role.RoleName, attributes: { Arn: role.Arn, RoleId: role.RoleId } };
      },
      delete(request) {
        iam.deleteRole(request.physicalId);
      },
    },
    'AWS::IAM::Policy': {
      create(request) {
        const name = String(requireProperty(request, 'PolicyName'));
        const document = requireProperty(request, 'PolicyDocument');
        const roles = Array.isArray(request.properties.Roles) ? request.properties.Roles.map(String) : [];
        if (roles.length === 0 && !request.properties.Users && !request.properties.Groups) {
          throw new ResourceFailure('At least one of [Groups,Roles,Users] must be non-empty.');
        }
        for (const role of roles) {
          if (!iam.getRole(role)) throw new ResourceFailure(`The role with name ${role} cannot be found. (Service: Iam; Status Code: 404; Error Code: NoSuchEntity)`);
        }
        for (const role of roles) iam.updateRole(role, (r) => ({ ...r, InlinePolicies: { ...r.InlinePolicies, [name]: document } }));
        return { physicalId: request.physicalName({ maxLength: 128 }), attributes: { PolicyName: name, Roles: roles } };
      },
      delete(request) {
        const { PolicyName, Roles } = request.attributes as { PolicyName: string; Roles: string[] };
        for (const role of Roles ?? []) {
          if (!iam.getRole(role)) continue;
          iam.updateRole(role, (r) => {
            const policies = { ...r.InlinePolicies };
            delete policies[PolicyName];
            return { ...r, InlinePolicies: policies };
          });
        }
      },
    },
    'AWS::IAM::ManagedPolicy': {
      create(request) {
        const p = request.properties;
        const policy = iam.createPolicy({
          PolicyName: p.ManagedPolicyName !== undefined ? String(p.ManagedPolicyName) : request.physicalName({ maxLength: 128 }),
          Path: p.Path === undefined ? '/' : String(p.Path),
          PolicyDocument: requireProperty(request, 'PolicyDocument'),
          Description: p.Description === undefined ? undefined : String(p.Description),
        });
        const roles = Array.isArray(p.Roles) ? p.Roles.map(String) : [];
        for (const role of roles) {
          if (iam.getRole(role)) iam.updateRole(role, (r) => ({ ...r, AttachedPolicyArns: [...r.AttachedPolicyArns, policy.Arn] }));
        }
        return { physicalId: policy.Arn, ref: policy.Arn, attributes: { PolicyArn: policy.Arn, PolicyId: policy.PolicyId, Roles: roles } };
      },
      delete(request) {
        for (const role of (request.attributes.Roles as string[] | undefined) ?? []) {
          if (iam.getRole(role)) iam.updateRole(role, (r) => ({ ...r, AttachedPolicyArns: r.AttachedPolicyArns.filter((arn) => arn !== request.physicalId) }));
        }
        iam.deletePolicy(request.physicalId);
      },
    },
  };
}
