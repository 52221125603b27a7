// The web app's part of `npm run build`: its typed client from schema.gql (codegen.mjs), then `vite build` into
// dist/web — skipped when nothing it is built from changed since the last build, so a second `npm start`
// compiles nothing, as for the server.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../../', import.meta.url));
await import('./codegen.mjs');

const built = join(root, 'dist/web/index.html');
const newest = (path) => {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
};
const inputs = ['src/web', 'schema.gql', 'package-lock.json'].map((p) => join(root, p));
if (
  process.argv.includes('--force') ||
  !existsSync(built) ||
  Math.max(...inputs.map(newest)) > statSync(built).mtimeMs
) {
  await build({ configFile: join(root, 'src/web/vite.config.mjs') });
}
