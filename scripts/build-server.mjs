// Compile le serveur HTTP (server/main.ts et ce qu'il importe) en un seul fichier JavaScript, build/server/main.js :
// `npm start` le lance avec node, sans chargeur TypeScript. Les paquets de node_modules restent des imports.
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

await build({
  entryPoints: [path.join(root, 'server/main.ts')],
  outfile: path.join(root, 'build/server/main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
