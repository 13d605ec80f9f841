import type { AwsQueryService } from '../../protocols/service-definition';

/** STS as far as the console needs it: who am I (the backend badge, `aws sts get-caller-identity`). */
export function createStsService(): AwsQueryService {
  return {
    name: 'STS',
    signingName: 'sts',
    protocol: 'aws-query',
    apiVersion: '2011-06-15',
    xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/',
    operations: {
      GetCallerIdentity: (_params, ctx) => ({
        Arn: `arn:aws:iam::${ctx.accountId}:root`,
        UserId: ctx.accountId,
        Account: ctx.accountId,
      }),
    },
  };
}
