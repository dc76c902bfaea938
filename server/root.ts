// Le dossier du projet, que le serveur tourne depuis ses sources (server/) ou compilé (build/server/) : le premier
// dossier parent qui contient package.json.
import fs from 'node:fs';
import path from 'node:path';

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`package.json introuvable au-dessus de ${start}`);
  }
}

export const root = findRoot(import.meta.dirname);
