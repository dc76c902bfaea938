// Les règles d'un motif de rendez-vous (issue 22) : saisie vérifiée, messages en français à côté du champ.
import { z } from 'zod';
import { credentialMessage } from '../../platform/credentials';
import { BOOKABLE_BY, LOCATION_TYPES, MAX_HORIZONS, MIN_NOTICES } from './vocabulary';

const keys = <T extends Record<string, string>>(record: T) => Object.keys(record) as [keyof T & string, ...Array<keyof T & string>];

/** Le formulaire d'un motif ; `organisations` : les codes d'organismes que la structure propose. */
export function motifSchema(organisations: ReadonlySet<string>) {
  return z.object({
    name: z
      .string()
      .trim()
      .min(1, 'Indiquez le nom du motif (par exemple : « Déclaration de revenus »).')
      .max(80, 'Le nom tient en 80 caractères au plus.'),
    durationMinutes: z.coerce
      .number({ message: 'Indiquez une durée en minutes.' })
      .int('Indiquez une durée en minutes entières.')
      .min(5, 'Un rendez-vous dure au moins 5 minutes.')
      .max(240, 'Un rendez-vous dure au plus 4 heures (240 minutes).')
      .refine((n) => n % 5 === 0, 'Indiquez une durée multiple de 5 minutes (15, 20, 30, 45…).'),
    locationType: z.enum(keys(LOCATION_TYPES), { message: 'Choisissez où se tient le rendez-vous.' }),
    bookableBy: z.enum(keys(BOOKABLE_BY), { message: 'Choisissez qui peut prendre ce rendez-vous.' }),
    minNoticeMinutes: z.enum(keys(MIN_NOTICES), { message: 'Choisissez un délai minimal.' }).transform(Number),
    maxDaysAhead: z.enum(keys(MAX_HORIZONS), { message: 'Choisissez jusqu’à quand on peut réserver.' }).transform(Number),
    organisation: z
      .string()
      .trim()
      .transform((value) => value || null)
      .refine((value) => value === null || organisations.has(value), 'Choisissez un organisme de la liste.'),
    instructions: z
      .string()
      .trim()
      .max(1000, 'Les consignes tiennent en 1 000 caractères au plus.')
      .superRefine((text, ctx) => {
        const problem = credentialMessage(text);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .transform((value) => value || null),
  });
}
export type MotifInput = z.infer<ReturnType<typeof motifSchema>>;
