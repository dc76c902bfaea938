// `npm start` construit l'application si build/ manque ou date d'avant les sources.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const output = path.join(root, 'build/server/index.js');

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

const sources = Math.max(newestSource(path.join(root, 'app')), fs.statSync(path.join(root, 'package-lock.json')).mtimeMs);
if (!fs.existsSync(output) || fs.statSync(output).mtimeMs < sources) {
  console.log('Construction de Relais…');
  execSync('npx react-router build', { cwd: root, stdio: 'inherit' });
}
