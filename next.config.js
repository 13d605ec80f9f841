// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // The console's AWS access runs on the server only; these native/SDK packages stay external.
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  // `npm test` builds into its own folder so a running `npm start` is never disturbed.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};
module.exports = nextConfig;
