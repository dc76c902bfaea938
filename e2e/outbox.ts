// Ce que Relais aurait envoyé : sans SMTP ni SMS configurés, l'outbox écrit chaque message dans DATA_DIR/outbox
// (un .sms.txt par SMS, un .eml par e-mail), que les parcours lisent comme le ferait la personne qui le reçoit.
import fs from 'node:fs';
import path from 'node:path';
import { expect, inject } from 'vitest';

function outboxFiles(suffix: string) {
  const outbox = path.join(inject('dataDir'), 'outbox');
  if (!fs.existsSync(outbox)) return [];
  return fs
    .readdirSync(outbox)
    .filter((file) => file.endsWith(suffix))
    .sort()
    .map((file) => fs.readFileSync(path.join(outbox, file), 'utf8'));
}

/** Les SMS écrits pour ce numéro (le worker les envoie au tour suivant). */
export const textsTo = (digits: string) => outboxFiles('.sms.txt').filter((text) => text.startsWith(`À : ${digits}\n`));

/** Le dernier code à six chiffres reçu par SMS à ce numéro. */
export async function lastCodeFor(digits: string) {
  await expect.poll(() => textsTo(digits).length, { timeout: 30_000 }).toBeGreaterThan(0);
  return /\b(\d{6})\b/.exec(textsTo(digits).at(-1)!)![1]!;
}

/** Le texte d'un e-mail (quoted-printable décodé), pour y lire un lien ou un code. */
function decodedBody(eml: string) {
  const body = eml.slice(eml.search(/\r?\n\r?\n/));
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => `%${hex}`);
  try {
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/g, '%25'));
  } catch {
    return body;
  }
}

/** Les e-mails écrits pour cette adresse, décodés, dans l'ordre d'envoi. */
export const emailsTo = (address: string) =>
  outboxFiles('.eml')
    .filter((eml) => new RegExp(`^To: ${address.replace(/[.]/g, '\\.')}$`, 'mi').test(eml))
    .map(decodedBody);
