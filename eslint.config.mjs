import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', '.next-*/**', '.data/**', '.data-*/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  {
    // The console talks to local AWS only over HTTP through the SDK, exactly as it talks to AWS.
    files: ['app/**', 'components/**', 'server/aws/**', 'server/data/**', 'server/actions/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/local-aws/**', '@/server/local-aws/**'], message: 'The console must reach local AWS through the SDK, never by import.' }] }],
    },
  },
];
export default config;
