// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // The console's AWS access runs on the server only; these native/SDK packages stay external.
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  // `npm test` builds into its own folder so a running `npm start` is never disturbed.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // `npm test` type-checks the whole project once on its own; its e2e build need not do it again.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === '1' },
};
module.exports = nextConfig;
