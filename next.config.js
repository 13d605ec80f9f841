// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // The console's AWS access runs on the server only; these native/SDK packages stay external.
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  // `npm run dev` prints http://127.0.0.1:3000; Next 16's dev server refuses its own resources to an
  // origin it does not know, which would leave pages without interactivity there.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  // `npm test` builds into its own folder so a running `npm start` is never disturbed.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // `npm test` type-checks the whole project once on its own; its e2e build need not do it again.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === '1' },
};
module.exports = nextConfig;
