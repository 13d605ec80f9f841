import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';

let localAws: LocalAwsProcess;
beforeAll(async () => {
  localAws = await startLocalAwsProcess();
});
afterAll(async () => {
  await localAws?.stop();
});

describe('local AWS process', () => {
  it('answers STS GetCallerIdentity with the local account', async () => {
    const sts = new STSClient(clientConfig(localAws.endpoint));
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('000000000000');
    expect(identity.Arn).toBe('arn:aws:iam::000000000000:root');
  });

  it('lists regions through EC2 DescribeRegions', async () => {
    const ec2 = new EC2Client(clientConfig(localAws.endpoint));
    const { Regions } = await ec2.send(new DescribeRegionsCommand({}));
    expect(Regions?.map((r) => r.RegionName)).toContain('eu-west-1');
  });
});
