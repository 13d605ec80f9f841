import { describe, expect, it } from 'vitest';
import { ConfigError, readRuntimeConfig } from './runtime-config';

describe('readRuntimeConfig', () => {
  it('defaults to local AWS on 127.0.0.1:4566, the console on 3000, data in .data', () => {
    const config = readRuntimeConfig({});
    expect(config).toMatchObject({ BACKEND: 'local', PORT: 3000, LOCAL_AWS_PORT: 4566, DATA_DIR: '.data', region: 'us-east-1' });
    expect(config.localEndpoint).toBe('http://127.0.0.1:4566');
  });

  it('reads and coerces what is set; an empty variable counts as unset', () => {
    const config = readRuntimeConfig({ BACKEND: 'aws', PORT: '3400', LOCAL_AWS_PORT: '', AWS_REGION: 'eu-west-1', LOCAL_AWS_DUCKDB_MEMORY_LIMIT: '2GB' });
    expect(config).toMatchObject({ BACKEND: 'aws', PORT: 3400, LOCAL_AWS_PORT: 4566, region: 'eu-west-1', LOCAL_AWS_DUCKDB_MEMORY_LIMIT: '2GB' });
    expect(readRuntimeConfig({ AWS_DEFAULT_REGION: 'ap-northeast-1' }).region).toBe('ap-northeast-1');
  });

  it('stops with one readable line per bad variable', () => {
    let error: unknown;
    try {
      readRuntimeConfig({ BACKEND: 'azure', LOCAL_AWS_PORT: 'abc', AWS_REGION: 'mars', LOCAL_AWS_ACCOUNT_ID: '123', LOCAL_AWS_DUCKDB_MEMORY_LIMIT: 'lots' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe('Invalid configuration in the environment:');
    expect(lines.slice(1).map((line) => line.trim().split(':')[0]).sort()).toEqual(
      ['AWS_REGION', 'BACKEND', 'LOCAL_AWS_ACCOUNT_ID', 'LOCAL_AWS_DUCKDB_MEMORY_LIMIT', 'LOCAL_AWS_PORT'].sort(),
    );
    expect((error as Error).message).toContain('AWS_REGION: must look like us-east-1');
    expect((error as Error).message).toContain('LOCAL_AWS_ACCOUNT_ID: must be 12 digits');
  });

  it('refuses ports out of range', () => {
    expect(() => readRuntimeConfig({ PORT: '70000' })).toThrow(ConfigError);
    expect(() => readRuntimeConfig({ PORT: '0' })).toThrow(ConfigError);
    expect(readRuntimeConfig({ LOCAL_AWS_PORT: '0' }).LOCAL_AWS_PORT).toBe(0);
  });
});
