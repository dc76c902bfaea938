// Constructeur de mandats pour les tests : un mandat signé (sur papier par défaut), aux quatre points d'information
// confirmés et sans mesure de protection, comme les contraintes de la base l'exigent.
import type { mandates } from './schema';

type MandateInsert = typeof mandates.$inferInsert;

export function signedMandateRow(
  owner: { structureId: string; personId: string; mediatorId: string },
  signedAt: Date,
  expiresAt: Date,
  change: Partial<MandateInsert> = {},
): MandateInsert {
  return {
    ...owner,
    areas: ['social'],
    duration: 'un_an',
    consentItems: ['objet', 'donnees', 'droits', 'revocable'],
    noProtectionMeasure: true,
    signatureMethod: 'papier',
    signedAt,
    expiresAt,
    ...change,
  };
}
