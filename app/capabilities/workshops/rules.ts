// Les règles des ateliers (issue 23), en fonctions pures : la saisie d'un atelier et d'une séance, les dates d'une
// séance répétée chaque semaine, le délai d'une place proposée, ce qu'on peut faire d'une séance et d'une inscription.
import { z } from 'zod';
import { checkboxes, choice, freeText } from '../../platform/fields';
import { addDays, localDateTime } from '../../platform/time';
import { DIGITAL_SKILLS } from '../../vocabulary/coop';
import { HELPER_SKILLS } from '../diagnosis/vocabulary';
import { LEVELS, SEAT_HOLDING, type RegistrationStatus } from './vocabulary';

/** La personne a 48 heures pour confirmer une place qui se libère ; ensuite, elle passe au suivant. */
export const OFFER_HOURS = 48;
/** Le rappel part 48 heures avant la séance. */
export const REMINDER_HOURS = 48;
/** Au plus 26 séances d'un coup (six mois chaque semaine). */
export const MAX_REPEAT = 26;

export const workshopSchema = z.object({
  title: freeText(100, 'Le titre').refine(
    (v) => v !== null,
    'Indiquez le titre de l’atelier (par exemple : « Créer son adresse e-mail »).',
  ),
  theme: choice(DIGITAL_SKILLS, 'Choisissez la thématique de la liste.'),
  skills: checkboxes(z.string()).refine((values) => values.every((v) => v in HELPER_SKILLS), 'Choisissez les gestes dans la liste.'),
  level: choice(LEVELS, 'Choisissez le niveau.'),
  description: freeText(1000, 'La description').refine((v) => v !== null, 'Décrivez l’atelier en mots simples pour les habitants.'),
  durationMinutes: z.coerce
    .number({ error: 'Indiquez une durée en minutes.' })
    .int('Indiquez une durée en minutes entières.')
    .min(15, 'Un atelier dure au moins 15 minutes.')
    .max(480, 'Un atelier dure au plus 8 heures (480 minutes).'),
  toBring: freeText(300, 'Ce qu’il faut apporter'),
  prerequisites: freeText(300, 'Les prérequis'),
  cycleLength: z.coerce
    .number({ error: 'Indiquez le nombre de séances (1 si l’atelier tient en une séance).' })
    .int('Indiquez un nombre entier de séances.')
    .min(1, 'Un atelier a au moins 1 séance.')
    .max(20, 'Un cycle a au plus 20 séances.'),
});
export type WorkshopInput = z.infer<typeof workshopSchema>;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** La séance saisie ; `options` : les lieux, les agents et les pairs-aidants que la structure propose. */
export function sessionSchema(
  options: { places: ReadonlySet<string>; agents: ReadonlySet<string>; helpers: ReadonlySet<string> },
  now: Date,
) {
  return z
    .object({
      day: z.iso.date({ error: 'Indiquez le jour de la séance.' }),
      startTime: z
        .string({ error: 'Indiquez l’heure de début (par exemple 14:00).' })
        .trim()
        .regex(TIME, 'Indiquez l’heure de début (par exemple 14:00).'),
      placeId: z.string({ error: 'Choisissez le lieu.' }).refine((v) => options.places.has(v), 'Choisissez le lieu dans la liste.'),
      capacity: z.coerce
        .number({ error: 'Indiquez le nombre de places.' })
        .int('Indiquez un nombre entier de places.')
        .min(1, 'Une séance a au moins 1 place.')
        .max(200, 'Une séance a au plus 200 places.'),
      facilitatorId: z
        .string()
        .optional()
        .transform((v) => v || null)
        .refine((v) => v === null || options.agents.has(v), 'Choisissez l’animateur dans la liste.'),
      facilitatorName: freeText(100, 'Le nom du partenaire'),
      peerHelperIds: checkboxes(z.string()).refine(
        (ids) => ids.every((id) => options.helpers.has(id)),
        'Choisissez les pairs-aidants dans la liste.',
      ),
      repeat: z.coerce
        .number({ error: 'Indiquez combien de semaines.' })
        .int('Indiquez un nombre entier de semaines.')
        .min(1, 'Au moins 1 séance.')
        .max(MAX_REPEAT, `Au plus ${MAX_REPEAT} séances d’un coup.`),
    })
    .superRefine((value, ctx) => {
      if (!value.facilitatorId && !value.facilitatorName)
        ctx.addIssue({ code: 'custom', path: ['facilitatorId'], message: 'Choisissez qui anime, ou écrivez le nom du partenaire.' });
      if (localDateTime(`${value.day}T${value.startTime}`) <= now)
        ctx.addIssue({ code: 'custom', path: ['day'], message: 'Cette heure est passée : choisissez une séance à venir.' });
    });
}
export type SessionInput = z.infer<ReturnType<typeof sessionSchema>>;

/** Annuler une séance : la raison, que chaque personne lira (jamais un identifiant ni un mot de passe). */
export const cancelSchema = z.object({
  reason: freeText(300, 'La raison').refine(
    (v) => v !== null,
    'Dites en quelques mots pourquoi la séance est annulée : chaque personne le lira.',
  ),
});

/** Changer le nombre de places d'une séance. */
export const capacitySchema = z.object({
  capacity: z.coerce
    .number({ error: 'Indiquez le nombre de places.' })
    .int('Indiquez un nombre entier de places.')
    .min(1, 'Une séance a au moins 1 place.')
    .max(200, 'Une séance a au plus 200 places.'),
});

/** Les débuts des séances : la première, puis la même heure chaque semaine (l'heure locale tient au changement d'heure). */
export function weeklyStarts(day: string, startTime: string, repeat: number): Date[] {
  return Array.from({ length: repeat }, (_, week) => localDateTime(`${addDays(day, 7 * week)}T${startTime}`));
}

/** La place proposée se confirme dans les 48 heures, et jamais après le début de la séance. */
export function offerDeadline(now: Date, startsAt: Date): Date {
  return new Date(Math.min(now.getTime() + OFFER_HOURS * 3_600_000, startsAt.getTime()));
}

export const holdsSeat = (status: RegistrationStatus) => SEAT_HOLDING.includes(status);

/** On inscrit, désinscrit, propose et rappelle seulement pour une séance à venir et non annulée. */
export const isOpen = (session: { startsAt: Date; cancelledAt: Date | null }, now: Date) =>
  session.cancelledAt === null && session.startsAt > now;

/** La présence se note pour une séance non annulée, le jour même ou après (jamais avant qu'elle commence). */
export const canMarkAttendance = (session: { startsAt: Date; cancelledAt: Date | null }, now: Date) =>
  session.cancelledAt === null && session.startsAt.getTime() - now.getTime() <= 12 * 3_600_000;

/** Le taux de remplissage d'une séance, en pour cent (les places tenues sur la capacité). */
export const fillRate = (seatsTaken: number, capacity: number) => (capacity === 0 ? 0 : Math.round((seatsTaken / capacity) * 100));
