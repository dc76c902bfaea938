// Les règles des plages et des absences : chaque erreur de saisie dite en français, à côté de son champ ; une plage
// saisie mise sous la forme du calcul des créneaux, et dite en clair.
import { describe, expect, it } from 'vitest';
import { absenceSchema, asOpeningRange, describeRange, rangeSchema } from './ranges';
import { openingDays } from './slots';

const OPTIONS = { agents: new Set(['julien']), sites: new Set(['ccas']), motifs: new Set(['caf', 'impots']) };
const weekly = {
  agentId: 'julien',
  siteId: 'ccas',
  motifIds: ['caf', 'impots'],
  frequency: 'hebdomadaire',
  interval: '1',
  weekdays: ['1', '3'],
  firstDay: '2026-12-07',
  lastDay: '',
  startTime: '09:00',
  endTime: '12:00',
};
const errors = (over: Record<string, unknown>) => {
  const result = rangeSchema(OPTIONS).safeParse({ ...weekly, ...over });
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe('saisie d’une plage', () => {
  it('lit une plage hebdomadaire et une plage mensuelle', () => {
    expect(rangeSchema(OPTIONS).parse(weekly)).toMatchObject({ weekdays: [1, 3], nth: null, lastDay: null, interval: 1 });
    const monthly = rangeSchema(OPTIONS).parse({ ...weekly, frequency: 'mensuelle', nth: '-1', monthWeekday: '4', weekdays: undefined });
    expect(monthly).toMatchObject({ frequency: 'mensuelle', weekdays: [4], nth: -1 });
    // Le dernier vendredi de décembre 2026 et de janvier 2027.
    expect(openingDays(asOpeningRange({ ...monthly, id: 'p' }), '2026-12-01', '2027-01-31')).toEqual(['2026-12-25', '2027-01-29']);
    expect(describeRange(monthly)).toBe('Le dernier vendredi du mois, 09:00–12:00');
    expect(describeRange({ ...rangeSchema(OPTIONS).parse(weekly), interval: 2 })).toBe('Toutes les 2 semaines : mardi, jeudi, 09:00–12:00');
  });

  it('refuse, champ par champ, une plage sans motif, à l’envers, sans jour ou d’un autre agent', () => {
    expect(errors({ motifIds: undefined })).toEqual({ motifIds: 'Cochez au moins un motif servi pendant cette plage.' });
    expect(errors({ motifIds: ['autre-structure'] })).toEqual({ motifIds: 'Cochez au moins un motif servi pendant cette plage.' });
    expect(errors({ startTime: '14:00', endTime: '09:00' })).toEqual({ endTime: 'L’heure de fin vient après l’heure de début.' });
    expect(errors({ startTime: '25:00' }).startTime).toMatch(/heure de début/);
    expect(errors({ lastDay: '2026-12-01' })).toEqual({ lastDay: 'Le dernier jour vient après le premier.' });
    expect(errors({ weekdays: undefined })).toEqual({ weekdays: 'Cochez au moins un jour de la semaine.' });
    expect(errors({ frequency: 'mensuelle' })).toEqual({
      nth: 'Choisissez quel jour du mois (le premier, le dernier…).',
      monthWeekday: 'Choisissez le jour de la semaine.',
    });
    expect(errors({ agentId: 'lucie', siteId: 'mairie' })).toEqual({
      agentId: 'Choisissez l’agent qui reçoit.',
      siteId: 'Choisissez un lieu d’accueil de la structure.',
    });
    expect(errors({ firstDay: '2026-02-30' }).firstDay).toMatch(/premier jour/);
  });
});

describe('saisie d’une absence', () => {
  const parse = (over: Record<string, unknown>) =>
    absenceSchema(new Set(['julien'])).safeParse({
      agentId: 'julien',
      startsAt: '2026-12-10T08:00',
      endsAt: '2026-12-10T18:00',
      kind: 'conge',
      ...over,
    });
  it('lit les heures locales', () => {
    const { startsAt, endsAt } = parse({}).data!;
    expect(endsAt.getTime() - startsAt.getTime()).toBe(10 * 3_600_000);
  });
  it('refuse une fin avant le début, une absence de plus d’un an, un motif inconnu', () => {
    expect(parse({ endsAt: '2026-12-10T07:00' }).error?.issues[0]?.message).toBe('La fin de l’absence vient après son début.');
    expect(parse({ endsAt: '2028-01-01T07:00' }).error?.issues[0]?.message).toMatch(/un an au plus/);
    expect(parse({ kind: 'vacances' }).error?.issues[0]?.message).toBe('Choisissez le motif de l’absence.');
  });
});
