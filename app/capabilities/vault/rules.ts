// Les règles du coffre-fort, en fonctions pures : ce qu'un papier ajouté doit dire (type, dates plausibles), le motif
// d'ouverture par un agent, et quand un papier est « bientôt expiré ».
import { z } from 'zod';
import { choice, freeText, optional } from '../../platform/fields';
import { DOCUMENT_KINDS } from './vocabulary';

const day = (message: string) => optional(z.iso.date({ error: message }));

/** Le type et les dates d'un papier ; `today` au format AAAA-MM-JJ (jour de la structure). */
export const documentDetailsSchema = (today: string) =>
  z
    .object({
      kind: choice(DOCUMENT_KINDS, 'Choisissez le type du papier.'),
      issuedOn: day('Indiquez la date de délivrance au format JJ/MM/AAAA, ou laissez vide.'),
      expiresOn: day('Indiquez la date de fin de validité au format JJ/MM/AAAA, ou laissez vide.'),
    })
    .superRefine((value, ctx) => {
      if (value.issuedOn && value.issuedOn > today)
        ctx.addIssue({ code: 'custom', path: ['issuedOn'], message: 'Un papier ne peut pas avoir été délivré dans le futur.' });
      if (value.issuedOn && value.issuedOn < '1900-01-01')
        ctx.addIssue({ code: 'custom', path: ['issuedOn'], message: 'Cette date de délivrance est trop ancienne : vérifiez l’année.' });
      if (value.expiresOn && value.expiresOn > `${Number(today.slice(0, 4)) + 50}${today.slice(4)}`)
        ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'Cette fin de validité est à plus de 50 ans : vérifiez l’année.' });
      if (value.issuedOn && value.expiresOn && value.expiresOn < value.issuedOn)
        ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'La fin de validité vient après la date de délivrance.' });
    });

/** Le message d'un motif refusé (vide, trop court, trop long ou contenant un secret). */
export const OPENING_REASON_ERROR =
  'Dites en quelques mots (5 à 200 signes, sans mot de passe ni code) pourquoi vous ouvrez ce papier : la personne le lira.';

/** Pourquoi un agent ouvre un papier que la personne ne lui a pas montré elle-même : dit à la personne, jamais un secret. */
export const openingReasonSchema = z.object({
  motif: freeText(200, 'Le motif').pipe(
    z
      .string({ error: 'Dites en quelques mots pourquoi vous ouvrez ce papier : la personne le lira.' })
      .min(5, 'Dites en quelques mots pourquoi vous ouvrez ce papier : la personne le lira.'),
  ),
});

/** Où en est la validité d'un papier, vu le jour même : expiré, bientôt (dans les `soonDays` jours), valide, ou sans fin. */
export function validityOf(expiresOn: string | null, today: string, soonDays = 90): 'expire' | 'bientot' | 'valide' | 'sans_fin' {
  if (!expiresOn) return 'sans_fin';
  if (expiresOn < today) return 'expire';
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + soonDays);
  return expiresOn <= limit.toISOString().slice(0, 10) ? 'bientot' : 'valide';
}
