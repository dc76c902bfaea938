// appointments.slots_p95_ms : les créneaux libres d'un mois pour un motif, sur 5 lieux × 3 médiateurs × 4 motifs, avec
// environ 40 % des créneaux déjà pris, une semaine d'absence et les jours fériés (règle pure, sans la lecture en base).
import { addDays } from '../app/platform/time';
import {
  freeSlots,
  publicHolidays,
  type Busy,
  type Motif,
  type OpeningRange,
  type WeekdayIndex,
} from '../app/capabilities/appointments/slots';

const FROM = '2027-03-01';
const TO = '2027-03-31';

export function slotsFigures(percentile: (values: number[], p: number) => number) {
  const motifs: Motif[] = [20, 30, 45, 60].map((minutes, i) => ({
    id: `motif-${i}`,
    durationMinutes: minutes,
    minNoticeMinutes: 30,
    maxDaysAhead: 90,
  }));
  const ranges: OpeningRange[] = [];
  for (let agent = 0; agent < 3; agent++)
    for (let site = 0; site < 5; site++)
      for (const [startTime, endTime] of [
        ['09:00', '12:00'],
        ['13:30', '17:00'],
      ] as const)
        ranges.push({
          id: `r-${agent}-${site}-${startTime}`,
          agentId: `mediateur-${agent}`,
          siteId: `lieu-${site}`,
          motifIds: motifs.map((m) => m.id),
          firstDay: '2027-01-04',
          lastDay: null,
          startTime,
          endTime,
          recurrence: { frequency: 'hebdomadaire', interval: 1, weekdays: [((site + agent) % 5) as WeekdayIndex] },
        });
  const now = new Date('2027-02-26T08:00:00Z');
  const holidays = publicHolidays(FROM, TO);
  // Un créneau sur deux ou trois déjà pris, et une semaine de congé pour le premier médiateur.
  const busy: Busy[] = freeSlots({ ranges, motif: motifs[1]!, busy: [], holidays, now, from: FROM, to: TO })
    .filter((_, i) => i % 5 < 2)
    .map((s) => ({ agentId: s.agentId, start: s.start, end: s.end }));
  busy.push({ agentId: 'mediateur-0', start: new Date(`${addDays(FROM, 14)}T00:00:00Z`), end: new Date(`${addDays(FROM, 21)}T00:00:00Z`) });
  const times: number[] = [];
  let found = 0;
  for (let run = 0; run < 60; run++) {
    const motif = motifs[run % motifs.length]!;
    const started = performance.now();
    found += freeSlots({ ranges, motif, busy, holidays, now, from: FROM, to: TO }).length;
    times.push(performance.now() - started);
  }
  if (found === 0) throw new Error('Aucun créneau trouvé : la mesure ne mesure rien.');
  return { slotsP95Ms: percentile(times.slice(10), 95) };
}
