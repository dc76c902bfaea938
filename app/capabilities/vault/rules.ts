// Les règles du coffre-fort, en fonctions pures : ce qu'un papier ajouté doit dire (type, dates plausibles), le motif
// d'ouverture par un agent, et quand un papier est « bientôt expiré ».
import { addDays, addHours, addMonths } from 'date-fns';
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

/** Combien de temps dure un partage : d'une heure à trois mois, au choix de la personne. */
export const SHARE_DURATIONS = ['1h', '1j', '7j', '1m', '3m'] as const;
export type ShareDuration = (typeof SHARE_DURATIONS)[number];
export const isShareDuration = (value: unknown): value is ShareDuration =>
  typeof value === 'string' && (SHARE_DURATIONS as readonly string[]).includes(value);

/** La fin d'un partage commencé à `now` (les mois comptés au calendrier). */
export function shareExpiry(now: Date, duration: ShareDuration): Date {
  if (duration === '1h') return addHours(now, 1);
  if (duration === '1j') return addDays(now, 1);
  if (duration === '7j') return addDays(now, 7);
  // Un 30 novembre plus 3 mois : le 28 février (date-fns s'arrête au dernier jour du mois).
  return addMonths(now, duration === '1m' ? 1 : 3);
}

export type ShareStatus = 'actif' | 'expire' | 'retire';
export const shareStatus = (share: { expiresAt: Date; revokedAt: Date | null }, now: Date): ShareStatus =>
  share.revokedAt ? 'retire' : share.expiresAt.getTime() <= now.getTime() ? 'expire' : 'actif';

/** Essais de code permis avant que le lien se bloque (la personne peut alors envoyer un nouveau code). */
export const MAX_CODE_ATTEMPTS = 5;
export const SHARE_MAX_DOCUMENTS = 20;

export interface ShareRequest {
  documentIds: string[];
  recipientName: string;
  recipientEmail: string;
  duration: ShareDuration;
}
/** Un partage vers un destinataire choisi dans une liste : un agent qui l'a aidée, ou une de ses orientations. */
export interface ChosenShareRequest {
  documentIds: string[];
  recipientId: string;
  duration: ShareDuration;
}
/** Ce qui manque ou ne va pas dans une demande de partage, champ par champ (codes traduits par la page). */
export type ShareProblem = Partial<
  Record<'papiers' | 'nom' | 'email' | 'duree' | 'destinataire', 'vide' | 'invalide' | 'trop_long' | 'trop'>
>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Les papiers (présents, 1 à 20, sans doublon) et la durée, communs à tout partage. */
function checkPapersAndDuration(input: { documentIds: string[]; duration: string }, own: ReadonlySet<string>, problem: ShareProblem) {
  const documentIds = [...new Set(input.documentIds)];
  if (documentIds.length === 0) problem.papiers = 'vide';
  else if (documentIds.length > SHARE_MAX_DOCUMENTS) problem.papiers = 'trop';
  else if (documentIds.some((id) => !own.has(id))) problem.papiers = 'invalide';
  if (!isShareDuration(input.duration)) problem.duree = 'vide';
  return { documentIds, duration: input.duration as ShareDuration };
}

/** Vérifie une demande de partage vers un organisme ; `own` : les papiers présents de la personne. */
export function checkShareRequest(
  input: { documentIds: string[]; recipientName: string; recipientEmail: string; duration: string },
  own: ReadonlySet<string>,
): { ok: true; value: ShareRequest } | { ok: false; problem: ShareProblem } {
  const problem: ShareProblem = {};
  const common = checkPapersAndDuration(input, own, problem);
  const recipientName = input.recipientName.trim().replace(/\s+/g, ' ');
  if (!recipientName) problem.nom = 'vide';
  else if (recipientName.length > 120) problem.nom = 'trop_long';
  const recipientEmail = input.recipientEmail.trim().toLowerCase();
  if (!recipientEmail) problem.email = 'vide';
  else if (recipientEmail.length > 254 || !EMAIL.test(recipientEmail)) problem.email = 'invalide';
  if (Object.keys(problem).length > 0) return { ok: false, problem };
  return { ok: true, value: { ...common, recipientName, recipientEmail } };
}

/** Vérifie un partage vers un destinataire choisi ; `allowed` : ceux que la liste proposait à la personne. */
export function checkChosenShareRequest(
  input: { documentIds: string[]; recipientId: string; duration: string },
  own: ReadonlySet<string>,
  allowed: ReadonlySet<string>,
): { ok: true; value: ChosenShareRequest } | { ok: false; problem: ShareProblem } {
  const problem: ShareProblem = {};
  const common = checkPapersAndDuration(input, own, problem);
  if (!allowed.has(input.recipientId)) problem.destinataire = 'invalide';
  if (Object.keys(problem).length > 0) return { ok: false, problem };
  return { ok: true, value: { ...common, recipientId: input.recipientId } };
}

/** Le code à six chiffres tel qu'on le tape : espaces et tirets ignorés. */
export const normalizeCode = (value: string) => value.replace(/[\s-]/g, '');

/** L'identifiant du partage en tête de son lien (<id>.<expiration>.<signature>), vérifié ensuite avec la signature. */
export const shareIdOf = (token: string) => token.split('.')[0] ?? '';

/**
 * Le rappel dû aujourd'hui pour un papier qui expire : le nombre de mois avant la fin de l'échéance la plus proche déjà
 * atteinte (3 puis 1 pour un titre de séjour), ou null (pas encore, déjà fini, ou un type sans rappel). Chaque rappel
 * ne part qu'une fois (l'outbox le dédoublonne par papier et par échéance).
 */
export function reminderDue(remindMonthsBefore: readonly number[], expiresOn: string | null, today: string): number | null {
  if (!expiresOn || expiresOn <= today) return null;
  const reached = remindMonthsBefore.filter((months) => {
    const start = new Date(`${expiresOn}T00:00:00Z`);
    start.setUTCMonth(start.getUTCMonth() - months);
    return start.toISOString().slice(0, 10) <= today;
  });
  return reached.length > 0 ? Math.min(...reached) : null;
}
