// Une semaine de créneaux libres d'un motif, vue par un agent : la page de prise et celle du changement d'heure.
import type { RequestContext } from '../../platform/request.server';
import { addDays, dateFormat, localDay, today } from '../../platform/time';
import { slotLabels, slotsFor, type activeMotif } from './appointments.server';

const time = dateFormat({ hour: '2-digit', minute: '2-digit' });
const longDay = dateFormat({ weekday: 'long', day: 'numeric', month: 'long' });

type Motif = NonNullable<Awaited<ReturnType<typeof activeMotif>>>;

/** Les créneaux libres des 7 jours à partir du jour demandé (aujourd'hui au plus tôt), jour par jour. */
export async function weekOfSlots(ctx: RequestContext, motif: Motif, asked: string | undefined) {
  const from = asked && asked > today(ctx.now) ? asked : today(ctx.now);
  const [slots, labels] = await Promise.all([
    slotsFor(ctx.tx, ctx.actor.structureId, motif, from, addDays(from, 6), ctx.now, 'agent'),
    slotLabels(ctx.tx, ctx.actor.structureId),
  ]);
  const days = [...new Set(slots.map((s) => localDay(s.start)))];
  return {
    from,
    next: addDays(from, 7),
    previous: from > today(ctx.now) ? addDays(from, -7) : null,
    days: days.map((day) => ({
      day,
      label: longDay.format(new Date(`${day}T12:00:00`)),
      slots: slots
        .filter((s) => localDay(s.start) === day)
        .map((s) => ({
          start: s.start.toISOString(),
          hour: time.format(s.start),
          agentId: s.agentId,
          agentName: labels.agents.get(s.agentId) ?? 'Agent',
          siteId: s.siteId,
          siteName: labels.sites.get(s.siteId) ?? '',
        })),
    })),
  };
}
