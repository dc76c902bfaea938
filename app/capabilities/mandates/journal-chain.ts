// La chaîne du journal des actes sous mandat : chaque ligne porte le SHA-256 de l'empreinte précédente
// suivie de son propre contenu canonique. Modifier, supprimer ou réordonner une ligne casse la chaîne.
// Fonctions pures (testées dans journal-chain.test.ts), utilisées par l'écriture et par `relais verify-journal`.
import { createHash } from 'node:crypto';

export const GENESIS = '0'.repeat(64);

export interface ActContent {
  seq: number;
  mandateId: string;
  personId: string;
  solicitationId: string | null;
  area: string;
  procedure: string | null;
  onlineService: string;
  whatDone: string;
  occurredAt: Date;
  recordedAt: Date;
  actorId: string;
}

/** Le contenu canonique : clés triées, dates en ISO UTC, aucune valeur implicite. */
export function canonical(act: ActContent) {
  const value: Record<string, string | number | null> = {
    actorId: act.actorId,
    area: act.area,
    mandateId: act.mandateId,
    occurredAt: act.occurredAt.toISOString(),
    onlineService: act.onlineService,
    personId: act.personId,
    procedure: act.procedure,
    recordedAt: act.recordedAt.toISOString(),
    seq: act.seq,
    solicitationId: act.solicitationId,
    whatDone: act.whatDone,
  };
  return JSON.stringify(value, Object.keys(value).sort());
}

export const chainHash = (prevHash: string, act: ActContent) =>
  createHash('sha256')
    .update(`${prevHash}\n${canonical(act)}`)
    .digest('hex');

export type ChainRow = ActContent & { prevHash: string; hash: string };

export type ChainCheck = { ok: true; count: number } | { ok: false; seq: number; reason: 'sequence' | 'lien' | 'contenu' | 'fin' };

export const CHAIN_REASONS = {
  sequence: 'numéro de ligne manquant ou en double (ligne supprimée ou insérée)',
  lien: "l'empreinte précédente ne correspond pas (ligne supprimée, insérée ou déplacée)",
  contenu: 'le contenu ne correspond plus à son empreinte (ligne modifiée)',
  fin: 'la dernière ligne ne correspond pas à la tête du journal (lignes supprimées en fin de journal)',
} as const;

/**
 * Vérifie une chaîne lue dans l'ordre des numéros. `head` est la tête enregistrée à chaque ajout : sans elle,
 * la suppression des dernières lignes passerait inaperçue.
 */
export function verifyChain(rows: readonly ChainRow[], head: { seq: number; hash: string } | null): ChainCheck {
  let previous = GENESIS;
  for (const [index, row] of rows.entries()) {
    if (row.seq !== index + 1) return { ok: false, seq: index + 1, reason: 'sequence' };
    if (row.prevHash !== previous) return { ok: false, seq: row.seq, reason: 'lien' };
    if (chainHash(row.prevHash, row) !== row.hash) return { ok: false, seq: row.seq, reason: 'contenu' };
    previous = row.hash;
  }
  const last = rows.at(-1);
  if ((head?.seq ?? 0) !== rows.length || (last && head?.hash !== last.hash)) return { ok: false, seq: rows.length, reason: 'fin' };
  return { ok: true, count: rows.length };
}
