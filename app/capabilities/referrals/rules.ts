// Règles des orientations : le formulaire d'envoi, la réponse du partenaire, les transitions d'état permises et
// la relance. Fonctions pures, testées dans rules.test.ts.
import { z } from 'zod';
import { choice, freeText, optional, optionalChoice } from '../../platform/fields';
import { CHANNELS, EXPIRY_DAYS, OUTCOMES, REFUSAL_REASONS, type Status } from './vocabulary';

const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Indiquez la date et l’heure du rendez-vous.')
  .refine((v) => !Number.isNaN(new Date(v).getTime()), 'Indiquez une date et une heure réelles.');

/** L'envoi d'une orientation. `sharing` : le lieu a un partenaire sur Relais, qui recevra le minimum si la personne l'accepte. */
export const referralSchema = (sharing: boolean) =>
  z
    .object({
      placeId: z.uuid({ error: 'Choisissez le lieu vers lequel vous orientez la personne.' }),
      reason: freeText(500, 'Le motif')
        .refine((v) => v !== null && v.length >= 3, 'Dites en quelques mots pourquoi vous orientez la personne.')
        .transform((v) => v ?? ''),
      toBring: freeText(500, 'La liste des documents'),
      channel: choice(CHANNELS, 'Dites comment la personne s’y rend.'),
      appointmentAt: optional(localDateTime),
      consent: z.preprocess((v) => v === 'oui', z.boolean()),
    })
    .superRefine((form, ctx) => {
      if (form.channel === 'rendez_vous' && !form.appointmentAt)
        ctx.addIssue({ code: 'custom', path: ['appointmentAt'], message: 'Indiquez la date et l’heure du rendez-vous.' });
      if (sharing && !form.consent)
        ctx.addIssue({ code: 'custom', path: ['consent'], message: 'Le partenaire ne reçoit le nom, le contact et le motif qu’avec l’accord de la personne : cochez la case si elle est d’accord, sinon choisissez « ne rien transmettre ».' });
    });
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

