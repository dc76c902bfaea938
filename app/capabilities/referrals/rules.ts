// Règles des orientations : le formulaire d'envoi, la réponse du partenaire, les transitions d'état permises et
// la relance. Fonctions pures, testées dans rules.test.ts.
import { z } from 'zod';
import { checkboxes, choice, freeText, optional, optionalChoice } from '../../platform/fields';
import { SERVICES } from '../directory/vocabulary';
import { CHANNELS, EXPIRY_DAYS, OUTCOMES, REFUSAL_REASONS, type Status } from './vocabulary';

const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Indiquez la date et l’heure du rendez-vous.')
  .refine((v) => !Number.isNaN(new Date(v).getTime()), 'Indiquez une date et une heure réelles.');

/** Ce que la personne accepte de transmettre au lieu (nom, contact, motif) : une réponse explicite, oui ou non. */
export const CONSENT_CHOICES = {
  oui: 'Oui : le lieu reçoit son nom, son contact et le motif, et rien d’autre',
  non: 'Non : rien n’est transmis, la personne présente sa fiche sur place',
} as const;

const CONSENT_REQUIRED =
  'Le partenaire ne reçoit le nom, le contact et le motif qu’avec l’accord de la personne : demandez-lui, puis choisissez oui ou non.';

/** La fiche peut aussi partir à la personne, par e-mail ou SMS, si elle a donné ce contact. */
export const SLIP_CHANNELS = { email: 'Par e-mail', sms: 'Par SMS' } as const;

/** L'envoi d'une orientation. `offered` : les services du lieu choisi (le service précisé doit en être). */
export const referralSchema = (offered: readonly string[] | null = null) =>
  z
    .object({
      placeId: z.uuid({ error: 'Choisissez le lieu vers lequel vous orientez la personne.' }),
      service: optional(z.enum(SERVICES as [string, ...string[]], { error: 'Choisissez un service de la liste.' })),
      reason: freeText(500, 'Le motif')
        .refine((v) => v !== null && v.length >= 3, 'Dites en quelques mots pourquoi vous orientez la personne.')
        .transform((v) => v ?? ''),
      toBring: freeText(500, 'La liste des documents'),
      channel: choice(CHANNELS, 'Dites comment la personne s’y rend.'),
      appointmentAt: optional(localDateTime),
      // Facultatif ici, exigé plus bas : les autres erreurs du formulaire s'affichent en même temps.
      consent: optionalChoice(CONSENT_CHOICES, CONSENT_REQUIRED),
      sendSlip: checkboxes(choice(SLIP_CHANNELS, 'Choisissez l’e-mail ou le SMS.')),
    })
    .superRefine((form, ctx) => {
      if (!form.consent) ctx.addIssue({ code: 'custom', path: ['consent'], message: CONSENT_REQUIRED });
      if (form.channel === 'rendez_vous' && !form.appointmentAt)
        ctx.addIssue({ code: 'custom', path: ['appointmentAt'], message: 'Indiquez la date et l’heure du rendez-vous.' });
      if (form.service && offered && !offered.includes(form.service))
        ctx.addIssue({
          code: 'custom',
          path: ['service'],
          message: `Ce lieu ne propose pas « ${form.service} » : choisissez un de ses services, ou aucun.`,
        });
    })
    .transform(({ consent, ...form }) => ({ ...form, consent: consent === 'oui' }));
export type ReferralInput = z.infer<ReturnType<typeof referralSchema>>;

export const outcomeSchema = z
  .object({
    outcome: choice(OUTCOMES, 'Choisissez ce qu’il est advenu de la personne.'),
    refusalReason: optionalChoice(REFUSAL_REASONS, 'Choisissez un motif de refus dans la liste.'),
    comment: freeText(500, 'Le commentaire'),
  })
  .superRefine((form, ctx) => {
    if (form.outcome === 'refusee' && !form.refusalReason)
      ctx.addIssue({ code: 'custom', path: ['refusalReason'], message: 'Une orientation refusée dit pourquoi : choisissez le motif.' });
  })
  .transform((form) => ({ ...form, refusalReason: form.outcome === 'refusee' ? form.refusalReason : null }));
export type OutcomeInput = z.infer<typeof outcomeSchema>;

/** Sur un lien sans compte, la réponse peut dire qui l'a donnée (un prénom, un service). */
export const linkOutcomeSchema = z.intersection(outcomeSchema, z.object({ answeredBy: freeText(120, 'Votre nom') }));

export type Transition = 'prendre_en_compte' | 'cloturer';

/** Prise en compte depuis « envoyée » ; résultat depuis « envoyée » ou « prise en compte » ; une orientation close ne bouge plus. */
export function canTransition(status: Status, transition: Transition) {
  if (transition === 'prendre_en_compte') return status === 'envoyee';
  return status === 'envoyee' || status === 'prise_en_compte';
}

export type FollowUp = 'a_relancer' | 'expiree' | null;

const DAY_MS = 86_400_000;

/** Sans réponse depuis N jours (réglage de la structure) : à relancer ; depuis 30 jours : expirée. */
export function followUp(status: Status, sentAt: Date, now: Date, reminderDays: number): FollowUp {
  if (status !== 'envoyee') return null;
  const age = now.getTime() - sentAt.getTime();
  if (age >= EXPIRY_DAYS * DAY_MS) return 'expiree';
  if (age >= reminderDays * DAY_MS) return 'a_relancer';
  return null;
}

/** Le délai de réponse du partenaire, en jours entiers (pour le pilotage). */
export const responseDays = (sentAt: Date, answeredAt: Date) => Math.max(0, Math.round((answeredAt.getTime() - sentAt.getTime()) / DAY_MS));

export type FollowUpStep = 'relancer' | 'expirer' | null;

/**
 * Ce que le suivi quotidien fait d'une orientation : la relancer (sans réponse depuis N jours, et pas de relance
 * depuis N jours), la déclarer expirée une seule fois (30 jours sans réponse), ou rien.
 */
export function followUpStep(
  referral: { status: Status; sentAt: Date; lastReminderAt: Date | null; expiredAt: Date | null },
  now: Date,
  reminderDays: number,
): FollowUpStep {
  const state = followUp(referral.status, referral.sentAt, now, reminderDays);
  if (state === 'expiree') return referral.expiredAt ? null : 'expirer';
  if (state !== 'a_relancer') return null;
  if (referral.lastReminderAt && now.getTime() - referral.lastReminderAt.getTime() < reminderDays * DAY_MS) return null;
  return 'relancer';
}

/** Un lien signé vaut jusqu'à l'expiration de l'orientation : 30 jours après l'envoi. */
export const linkExpiry = (sentAt: Date) => new Date(Math.floor((sentAt.getTime() + EXPIRY_DAYS * DAY_MS) / 1000) * 1000);

/**
 * Ce que l'agent écrit de la personne (« Son téléphone, ses papiers CAF »), redit à la personne sur sa fiche
 * (« Votre téléphone, vos papiers CAF ») : la fiche lui parle.
 */
export function toThePerson(text: string) {
  const swap: Record<string, string> = { son: 'votre', sa: 'votre', ses: 'vos' };
  return text.replace(/(?<![\p{L}'’])(son|sa|ses)(?![\p{L}'’])/giu, (word) => {
    const replaced = swap[word.toLowerCase()]!;
    return word[0] === word[0]!.toUpperCase() ? replaced[0]!.toUpperCase() + replaced.slice(1) : replaced;
  });
}
