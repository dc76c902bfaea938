// `npm start` construit l'application (et le serveur compilé) si build/ manque ou date d'avant les sources.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const output = path.join(root, 'build/server/index.js');
const serverOutput = path.join(root, 'build/server/main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    // Les tests ne font pas partie de l'application construite : en modifier un ne la reconstruit pas.
    if (!entry.isDirectory() && /\.test\.tsx?$/.test(entry.name)) continue;
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sources = Math.max(
  newestSource(path.join(root, 'app')),
  newestSource(path.join(root, 'server')),
  fs.statSync(path.join(root, 'package-lock.json')).mtimeMs,
);
const built = [output, serverOutput].every((file) => fs.existsSync(file) && fs.statSync(file).mtimeMs >= sources);
if (!built) {
  console.log('Construction de Relais…');
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
