// Le dossier de données (DATA_DIR) tient la base embarquée, la clé maîtresse et les messages : lisible par un autre
// compte de la machine, il livrerait les données de chaque personne et permettrait de réécrire le journal d'audit et
// celui des mandats par-dessous les droits de la base. Relais le crée fermé (0700), refuse de démarrer s'il est
// ouvert, et ferme ce qu'il contient (dossiers 0700, fichiers 0600) : PGlite crée ses fichiers en 0666 quel que
// soit l'umask, mais dans un dossier fermé, aucun autre compte ne peut les atteindre.
import fs from 'node:fs';
import path from 'node:path';

export class DataDirRefusal extends Error {}

const isOpen = (mode: number) => (mode & 0o077) !== 0;

/** Ferme tout ce que contient le dossier : dossiers 0700, fichiers 0600 ; rend le nombre d'entrées refermées. */
export function closeContents(dir: string): number {
  let closed = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    const mode = fs.statSync(full).mode;
    if (isOpen(mode)) {
      fs.chmodSync(full, entry.isDirectory() ? 0o700 : 0o600);
      closed++;
    }
    if (entry.isDirectory()) closed += closeContents(full);
  }
  return closed;
}

/**
 * Avant d'ouvrir la base : ce que Relais crée n'est lisible que par son compte (umask 077), le dossier est créé fermé
 * s'il n'existe pas, et un dossier déjà ouvert aux autres fait refuser le démarrage. Son contenu est refermé une fois
 * la base ouverte (closeContents), PGlite venant d'y créer ses fichiers.
 */
export function secureDataDir(dir: string) {
  process.umask(0o077);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const mode = fs.statSync(dir).mode & 0o777;
  if (isOpen(mode))
    throw new DataDirRefusal(
      `Le dossier de données ${dir} est ouvert aux autres comptes de cette machine (droits ${mode.toString(8).padStart(3, '0')}) : ` +
        `Relais refuse de démarrer, ce dossier contient les données des personnes. ` +
        `Fermez-le avec « chmod -R go-rwx ${dir} », puis relancez.`,
    );
}
