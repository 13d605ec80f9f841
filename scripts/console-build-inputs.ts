import fs from 'node:fs';
import path from 'node:path';

/**
 * Whether a production build of the console is older than its sources: `npm start` and the
 * benchmark rebuild only then. Local AWS is not part of the bundle, and tests are not either.
 */
const BUILD_INPUTS = ['app', 'components', 'lib', 'server', 'public', 'next.config.js', 'postcss.config.mjs', 'package-lock.json', 'tsconfig.json'];

/** The newest modification time (ms) among the console's build inputs under `root`. */
export function newestBuildInputMtime(root: string): number {
  let newest = 0;
  const visit = (entry: string) => {
    if (entry.includes(`${path.sep}local-aws`) || entry.endsWith('.test.ts')) return;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry);
    } catch {
      return;
    }
    if (stat.isDirectory()) for (const child of fs.readdirSync(entry)) visit(path.join(entry, child));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const input of BUILD_INPUTS) visit(path.join(root, input));
  return newest;
}

/** True when `distDir` (relative to `root`) holds a build at least as new as every input. */
export function buildIsCurrent(root: string, distDir: string): boolean {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  return builtAt > 0 && builtAt >= newestBuildInputMtime(root);
}
