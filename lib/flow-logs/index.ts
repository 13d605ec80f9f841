export * from './fields';
export * from './log-format';
export * from './s3-layout';
