import { describe, expect, it } from 'vitest';
import { parseWireTimestamp } from './get-flow-logs-integration-template';

describe('PartitionStartDate / PartitionEndDate on the wire', () => {
  it.each([
    ['2021-07-21T00:40:00.000Z', '2021-07-21T00:40:00.000Z'], // Java, .NET, JS SDK
    ['2021-07-21T00:40:00Z', '2021-07-21T00:40:00.000Z'], // boto3
    ['2021-07-21T00:40:00', '2021-07-21T00:40:00.000Z'], // the CLI example, read as UTC
    ['2021-07-21T02:40:00+02:00', '2021-07-21T00:40:00.000Z'],
    ['2021-07-21T02:40:00+0200', '2021-07-21T00:40:00.000Z'],
    ['2021-07-21', '2021-07-21T00:00:00.000Z'],
    ['2021-07-21T00:40:00.123456Z', '2021-07-21T00:40:00.123Z'],
    ['1626828000', '2021-07-21T00:40:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseWireTimestamp(text)?.toISOString()).toBe(iso);
  });

  it.each(['2021-02-30', '2021-13-01T00:00:00Z', '2021-07-21T25:00:00Z', 'yesterday', '', '21-07-2021'])('refuses %j', (text) => {
    expect(parseWireTimestamp(text)).toBeUndefined();
  });
});
