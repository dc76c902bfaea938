// Les créneaux libres, règle pure : récurrences (hebdomadaire, toutes les 2 semaines, le 1er mardi du mois), jours
// fériés, absences et rendez-vous, fenêtre de réservation, changement d'heure, chevauchement de plages.
import { describe, expect, it } from 'vitest';
import { freeSlots, oncePerSiteAndTime, openingDays, publicHolidays, rangesOverlap, type Motif, type OpeningRange } from './slots';

const motif: Motif = { id: 'm-caf', durationMinutes: 30, minNoticeMinutes: 30, maxDaysAhead: 90 };
const range = (over: Partial<OpeningRange> = {}): OpeningRange => ({
  id: 'r1',
  agentId: 'julien',
  siteId: 'mairie',
  motifIds: ['m-caf'],
  firstDay: '2027-01-04',
  lastDay: null,
  startTime: '09:00',
  endTime: '12:00',
  recurrence: { frequency: 'hebdomadaire', interval: 1, weekdays: [1, 3] },
  ...over,
});
const longBefore = new Date('2026-12-20T08:00:00Z');
const local = (iso: Date) => iso.toLocaleString('sv-SE', { timeZone: 'Europe/Paris' }).slice(0, 16);
const slots = (over: Partial<Parameters<typeof freeSlots>[0]> = {}) =>
  freeSlots({ ranges: [range()], motif, busy: [], holidays: new Set(), now: longBefore, from: '2027-01-04', to: '2027-01-10', ...over });

describe('créneaux libres', () => {
  it('découpe chaque jour d’ouverture à la durée du motif', () => {
    const found = slots();
    expect(found).toHaveLength(12);
    expect(local(found[0]!.start)).toBe('2027-01-05 09:00');
    expect(local(found[5]!.end)).toBe('2027-01-05 12:00');
    expect(local(found[6]!.start)).toBe('2027-01-07 09:00');
    expect(found.every((s) => s.agentId === 'julien' && s.siteId === 'mairie')).toBe(true);
  });

  it('ne propose pas de créneau qui dépasse la fermeture, ni pour un motif que la plage ne sert pas', () => {
    const long = slots({ motif: { ...motif, durationMinutes: 50 } });
    expect(long.filter((s) => local(s.start).startsWith('2027-01-05')).map((s) => local(s.start).slice(11))).toEqual([
      '09:00',
      '09:50',
      '10:40',
    ]);
    expect(slots({ motif: { ...motif, id: 'm-impots' } })).toEqual([]);
  });

  it('retire les rendez-vous pris et les absences de l’agent, pas ceux d’un autre', () => {
    const busy = [
      { agentId: 'julien', start: new Date('2027-01-05T08:30:00Z'), end: new Date('2027-01-05T09:00:00Z') },
      { agentId: 'julien', start: new Date('2027-01-06T23:00:00Z'), end: new Date('2027-01-07T23:00:00Z') },
      { agentId: 'lucie', start: new Date('2027-01-05T08:00:00Z'), end: new Date('2027-01-05T11:00:00Z') },
      // Un rendez-vous court puis une formation plus longue qui commence avant lui : les deux comptent.
      { agentId: 'julien', start: new Date('2027-01-05T10:00:00Z'), end: new Date('2027-01-05T10:30:00Z') },
      { agentId: 'julien', start: new Date('2027-01-05T09:45:00Z'), end: new Date('2027-01-05T11:00:00Z') },
    ];
    const found = slots({ busy });
    expect(found.map((s) => local(s.start))).toEqual(['2027-01-05 09:00', '2027-01-05 10:00']);
  });

  it('saute les jours fériés (Ascension, lundi de Pâques ; Vendredi saint en Alsace-Moselle seulement)', () => {
    const holidays = publicHolidays('2027-01-01', '2027-12-31');
    expect([...holidays].sort()).toEqual([
      '2027-01-01',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-08',
      '2027-05-17',
      '2027-07-14',
      '2027-08-15',
      '2027-11-01',
      '2027-11-11',
      '2027-12-25',
    ]);
    expect(publicHolidays('2027-03-01', '2027-03-31', { alsace: true })).toEqual(new Set(['2027-03-26', '2027-03-29']));
    const found = slots({ holidays, from: '2027-05-03', to: '2027-05-09', now: new Date('2027-04-20T08:00:00Z') });
    expect(new Set(found.map((s) => local(s.start).slice(0, 10)))).toEqual(new Set(['2027-05-04']));
  });

  it('respecte la fenêtre de réservation : pas avant maintenant + 30 min, pas au-delà de l’horizon du motif', () => {
    const now = new Date('2027-01-05T09:10:00Z'); // 10 h 10 à Paris
    const today = slots({ now }).filter((s) => local(s.start).startsWith('2027-01-05'));
    expect(today.map((s) => local(s.start).slice(11))).toEqual(['11:00', '11:30']);
    const short = { ...motif, maxDaysAhead: 1 };
    expect(new Set(slots({ now, motif: short }).map((s) => local(s.start).slice(0, 10)))).toEqual(new Set(['2027-01-05']));
  });

  it('suit l’heure locale au changement d’heure', () => {
    const sunday = range({ recurrence: { frequency: 'hebdomadaire', interval: 1, weekdays: [6] }, startTime: '09:00', endTime: '09:30' });
    const found = slots({ ranges: [sunday], from: '2027-03-21', to: '2027-03-28', now: new Date('2027-03-01T08:00:00Z') });
    expect(found.map((s) => s.start.toISOString())).toEqual(['2027-03-21T08:00:00.000Z', '2027-03-28T07:00:00.000Z']);
  });
});

describe('une heure libre proposée une fois', () => {
  it('garde la première heure de chaque lieu, même libre chez plusieurs agents ; deux lieux restent deux choix', () => {
    const at = new Date('2026-12-08T09:00:00Z');
    const slot = (agentId: string, siteId: string, start = at) => ({ agentId, siteId, start, end: start, rangeId: 'r' });
    const later = new Date('2026-12-08T09:30:00Z');
    expect(
      oncePerSiteAndTime([slot('a', 's1'), slot('b', 's1'), slot('b', 's2'), slot('a', 's1', later)]).map(
        (s) => `${s.agentId}/${s.siteId}`,
      ),
    ).toEqual(['a/s1', 'b/s2', 'a/s1']);
  });
});

describe('jours d’ouverture d’une plage', () => {
  it('toutes les deux semaines, jusqu’au dernier jour compris', () => {
    const fortnight = range({ recurrence: { frequency: 'hebdomadaire', interval: 2, weekdays: [0] }, lastDay: '2027-02-15' });
    expect(openingDays(fortnight, '2027-01-01', '2027-03-31')).toEqual(['2027-01-04', '2027-01-18', '2027-02-01', '2027-02-15']);
    expect(openingDays(fortnight, '2027-01-05', '2027-01-31')).toEqual(['2027-01-18']);
  });

  it('le premier mardi, ou le dernier vendredi, de chaque mois', () => {
    const first = range({ recurrence: { frequency: 'mensuelle', interval: 1, weekday: 1, nth: 1 } });
    expect(openingDays(first, '2027-01-01', '2027-03-31')).toEqual(['2027-01-05', '2027-02-02', '2027-03-02']);
    const last = range({ recurrence: { frequency: 'mensuelle', interval: 1, weekday: 4, nth: -1 } });
    expect(openingDays(last, '2027-01-01', '2027-03-31')).toEqual(['2027-01-29', '2027-02-26', '2027-03-26']);
  });

  it('rien avant le premier jour ni après le dernier', () => {
    expect(openingDays(range({ lastDay: '2027-01-03' }), '2027-01-01', '2027-01-31')).toEqual([]);
    expect(openingDays(range(), '2026-12-01', '2026-12-31')).toEqual([]);
  });
});

describe('chevauchement de plages', () => {
  it('signale deux plages d’un agent aux jours et heures communs, pas d’agents différents ni d’heures distinctes', () => {
    const afternoon = range({
      id: 'r2',
      startTime: '11:30',
      endTime: '17:00',
      recurrence: { frequency: 'hebdomadaire', interval: 1, weekdays: [3] },
    });
    expect(rangesOverlap(range(), afternoon)).toBe(true);
    expect(rangesOverlap(range(), { ...afternoon, agentId: 'lucie' })).toBe(false);
    expect(rangesOverlap(range(), { ...afternoon, startTime: '14:00' })).toBe(false);
    expect(rangesOverlap(range(), { ...afternoon, recurrence: { frequency: 'hebdomadaire', interval: 1, weekdays: [4] } })).toBe(false);
  });
});
