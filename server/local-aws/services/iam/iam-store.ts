import { randomBytes } from 'node:crypto';
import { AwsError } from '../../errors';
import type { Db, Migration } from '../../store/database';

/**
 * IAM roles and managed policies as CloudFormation creates them. Local AWS enforces no IAM; these
 * records exist so stacks get real ARNs and ids, names collide as on AWS, and nothing is faked.
 * IAM is global: no region column.
 */
export const iamMigrations: Migration[] = [
  {
    id: 'iam-0001-roles-and-policies',
    sql: `
      CREATE TABLE iam_roles (
        name TEXT PRIMARY KEY COLLATE NOCASE,
        record TEXT NOT NULL
      );
      CREATE TABLE iam_policies (
        arn TEXT PRIMARY KEY,
        record TEXT NOT NULL
      );
    `,
  },
];

export interface IamRole {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Path: string;
  AssumeRolePolicyDocument: unknown;
  Description?: string;
  MaxSessionDuration: number;
  CreateDate: string;
  Tags: { Key: string; Value: string }[];
  InlinePolicies: Record<string, unknown>;
  AttachedPolicyArns: string[];
}

export interface IamManagedPolicy {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  PolicyDocument: unknown;
  Description?: string;
  CreateDate: string;
}

function uniqueId(prefix: string) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return prefix + [...randomBytes(17)].map((b) => alphabet[b % alphabet.length]).join('');
}

export class IamStore {
  constructor(
    readonly db: Db,
    readonly accountId: string,
  ) {}

  getRole(name: string): IamRole | undefined {
    const raw = this.db.prepare('SELECT record FROM iam_roles WHERE name = ?').pluck().get(name) as string | undefined;
    return raw === undefined ? undefined : (JSON.parse(raw) as IamRole);
  }

  createRole(input: Omit<IamRole, 'RoleId' | 'Arn' | 'CreateDate'>): IamRole {
    const path = input.Path || '/';
    const role: IamRole = {
      ...input,
      Path: path,
      RoleId: uniqueId('AROA'),
      Arn: `arn:aws:iam::${this.accountId}:role${path}${input.RoleName}`,
      CreateDate: new Date().toISOString(),
    };
    const inserted = this.db.prepare('INSERT OR IGNORE INTO iam_roles (name, record) VALUES (?, ?)').run(role.RoleName, JSON.stringify(role));
    if (inserted.changes === 0) throw new AwsError('EntityAlreadyExists', `Role with name ${input.RoleName} already exists.`, 409);
    return role;
  }

  updateRole(name: string, update: (role: IamRole) => IamRole) {
    const role = this.getRole(name);
    if (!role) throw new AwsError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);
    this.db.prepare('UPDATE iam_roles SET record = ? WHERE name = ?').run(JSON.stringify(update(role)), name);
  }

  deleteRole(name: string) {
    this.db.prepare('DELETE FROM iam_roles WHERE name = ?').run(name);
  }

  getPolicy(arn: string): IamManagedPolicy | undefined {
    const raw = this.db.prepare('SELECT record FROM iam_policies WHERE arn = ?').pluck().get(arn) as string | undefined;
    return raw === undefined ? undefined : (JSON.parse(raw) as IamManagedPolicy);
  }

  createPolicy(input: Omit<IamManagedPolicy, 'PolicyId' | 'Arn' | 'CreateDate'>): IamManagedPolicy {
    const path = input.Path || '/';
    const policy: IamManagedPolicy = {
      ...input,
      Path: path,
      PolicyId: uniqueId('ANPA'),
      Arn: `arn:aws:iam::${this.accountId}:policy${path}${input.PolicyName}`,
      CreateDate: new Date().toISOString(),
    };
    const inserted = this.db.prepare('INSERT OR IGNORE INTO iam_policies (arn, record) VALUES (?, ?)').run(policy.Arn, JSON.stringify(policy));
    if (inserted.changes === 0) throw new AwsError('EntityAlreadyExists', `A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`, 409);
    return policy;
  }

  deletePolicy(arn: string) {
    this.db.prepare('DELETE FROM iam_policies WHERE arn = ?').run(arn);
  }
}
