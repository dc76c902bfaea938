// Compile le serveur HTTP (server/main.ts et ce qu'il importe) en un seul fichier JavaScript, build/server/main.js :
// `npm start` le lance avec node, sans chargeur TypeScript. Les paquets de node_modules restent des imports.
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

await build({
  entryPoints: [path.join(root, 'server/main.ts')],
  outdir: path.join(root, 'build/server'),
  entryNames: '[name]',
  chunkNames: 'serveur-[hash]',
  bundle: true,
  // Le serveur HTTP (et React, qu'il charge) reste un import dynamique, dans son propre morceau : server/main.ts
  // fixe NODE_ENV avant de le charger, et React lit NODE_ENV au chargement.
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
