// Les règles des plages d'ouverture et des absences (issue 22), en fonctions pures : ce que le formulaire doit dire,
// champ par champ, en français ; la plage saisie mise sous la forme que calcule `slots.ts`.
import { z } from 'zod';
import { checkboxes, choice, optional } from '../../platform/fields';
import { localDateTime } from '../../platform/time';
import type { OpeningRange, WeekdayIndex } from './slots';
import { ABSENCE_KINDS, FREQUENCIES, NTHS, WEEKDAYS } from './vocabulary';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = (message: string) => z.string({ error: message }).trim().regex(TIME, message);
const day = (message: string) => z.iso.date({ error: message });
const weekday = z.coerce.number().int().min(0).max(6);

/**
 * Le formulaire d'une plage. `agents` : les agents qu'on peut choisir (soi-même pour un médiateur) ; `sites` : les
 * lieux d'accueil de la structure ; `motifs` : ses motifs actifs.
 */
export function rangeSchema(options: { agents: ReadonlySet<string>; sites: ReadonlySet<string>; motifs: ReadonlySet<string> }) {
  return z
    .object({
      agentId: z.string({ error: 'Choisissez l’agent qui reçoit.' }).refine((v) => options.agents.has(v), 'Choisissez l’agent qui reçoit.'),
      siteId: z
        .string({ error: 'Choisissez le lieu d’accueil.' })
        .refine((v) => options.sites.has(v), 'Choisissez un lieu d’accueil de la structure.'),
      motifIds: checkboxes(z.string()).refine(
        (ids) => ids.length > 0 && ids.every((id) => options.motifs.has(id)),
        'Cochez au moins un motif servi pendant cette plage.',
      ),
      frequency: choice(FREQUENCIES, 'Choisissez si la plage revient chaque semaine ou chaque mois.'),
      interval: z.coerce
        .number({ error: 'Choisissez tous les combien.' })
        .int('Choisissez tous les combien.')
        .min(1, 'Choisissez tous les combien.')
        .max(12, 'Une plage revient au moins une fois tous les 12 mois.'),
      weekdays: checkboxes(weekday),
      nth: optional(z.enum(Object.keys(NTHS) as [keyof typeof NTHS], { error: 'Choisissez quel jour du mois.' })),
      monthWeekday: optional(weekday),
      firstDay: day('Indiquez le premier jour au format JJ/MM/AAAA.'),
      lastDay: optional(day('Indiquez le dernier jour au format JJ/MM/AAAA, ou laissez vide.')),
      startTime: time('Indiquez l’heure de début (par exemple 09:00).'),
      endTime: time('Indiquez l’heure de fin (par exemple 12:00).'),
    })
    .superRefine((value, ctx) => {
      if (value.endTime <= value.startTime)
        ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'L’heure de fin vient après l’heure de début.' });
      if (value.lastDay && value.lastDay < value.firstDay)
        ctx.addIssue({ code: 'custom', path: ['lastDay'], message: 'Le dernier jour vient après le premier.' });
      if (value.frequency === 'hebdomadaire' && value.weekdays.length === 0)
        ctx.addIssue({ code: 'custom', path: ['weekdays'], message: 'Cochez au moins un jour de la semaine.' });
      if (value.frequency === 'mensuelle' && value.nth === null)
        ctx.addIssue({ code: 'custom', path: ['nth'], message: 'Choisissez quel jour du mois (le premier, le dernier…).' });
      if (value.frequency === 'mensuelle' && value.monthWeekday === null)
        ctx.addIssue({ code: 'custom', path: ['monthWeekday'], message: 'Choisissez le jour de la semaine.' });
    })
    .transform((value) => ({
      agentId: value.agentId,
      siteId: value.siteId,
      motifIds: [...new Set(value.motifIds)],
      frequency: value.frequency,
      interval: value.interval,
      weekdays: value.frequency === 'hebdomadaire' ? [...new Set(value.weekdays)].sort() : [value.monthWeekday!],
      nth: value.frequency === 'mensuelle' ? Number(value.nth) : null,
      firstDay: value.firstDay,
      lastDay: value.lastDay,
      startTime: value.startTime,
      endTime: value.endTime,
    }));
}
export type RangeInput = z.infer<ReturnType<typeof rangeSchema>>;

/** Une plage rangée en base, sous la forme que `freeSlots` calcule. */
export function asOpeningRange(row: RangeInput & { id: string }): OpeningRange {
  return {
    id: row.id,
    agentId: row.agentId,
    siteId: row.siteId,
    motifIds: row.motifIds,
    firstDay: row.firstDay,
    lastDay: row.lastDay,
    startTime: row.startTime,
    endTime: row.endTime,
    recurrence:
      row.frequency === 'hebdomadaire'
        ? { frequency: 'hebdomadaire', interval: row.interval, weekdays: row.weekdays as WeekdayIndex[] }
        : { frequency: 'mensuelle', interval: row.interval, weekday: row.weekdays[0] as WeekdayIndex, nth: row.nth ?? 1 },
  };
}

/** La plage dite en français : « Chaque mardi, 09:00–12:00 », « Le premier jeudi du mois, tous les 2 mois ». */
export function describeRange(range: Pick<RangeInput, 'frequency' | 'interval' | 'weekdays' | 'nth' | 'startTime' | 'endTime'>) {
  const hours = `${range.startTime}–${range.endTime}`;
  const names = range.weekdays.map((d) => WEEKDAYS[d]!.toLowerCase());
  if (range.frequency === 'hebdomadaire') {
    const every = range.interval === 1 ? 'Chaque semaine' : `Toutes les ${range.interval} semaines`;
    return `${every} : ${names.join(', ')}, ${hours}`;
  }
  const nth = NTHS[String(range.nth) as keyof typeof NTHS] ?? '';
  const every = range.interval === 1 ? 'du mois' : `du mois, tous les ${range.interval} mois`;
  return `${nth} ${names[0]} ${every}, ${hours}`;
}

/** Le formulaire d'une absence : de quand à quand (heures locales), pourquoi. */
export function absenceSchema(agents: ReadonlySet<string>) {
  const instant = (message: string) =>
    z
      .string({ error: message })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, message)
      .transform((value) => localDateTime(value));
  return z
    .object({
      agentId: z.string({ error: 'Choisissez l’agent absent.' }).refine((v) => agents.has(v), 'Choisissez l’agent absent.'),
      startsAt: instant('Indiquez le début de l’absence (jour et heure).'),
      endsAt: instant('Indiquez la fin de l’absence (jour et heure).'),
      kind: choice(ABSENCE_KINDS, 'Choisissez le motif de l’absence.'),
    })
    .superRefine((value, ctx) => {
      if (value.endsAt <= value.startsAt)
        ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'La fin de l’absence vient après son début.' });
      else if (value.endsAt.getTime() - value.startsAt.getTime() > 366 * 86_400_000)
        ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'Une absence dure un an au plus : saisissez-en plusieurs.' });
    });
}
export type AbsenceInput = z.infer<ReturnType<typeof absenceSchema>>;
