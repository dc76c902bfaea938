// Le tableau de bord du pilotage : indicateurs, attente, mandats actifs, orientations et seuil de charge, en une transaction.
// Le responsable voit la structure ; un médiateur voit sa propre activité (le filtre « médiateur » est imposé).
import { eq } from 'drizzle-orm';
import { structures } from '../../platform/schema';
import { recordAudit } from '../../platform/audit.server';
import type { SteeringFilters } from './filters';
import { readProgress } from '../diagnosis/progress.server';
import { countActiveMandates, onlyPeriod, readIndicators, readReferralFigures, readWaiting } from './indicators.server';
import { periodEnd, periodStart } from './scope.server';
import { appointmentsFollow, readAppointmentFigures } from './appointment-figures.server';
import { readWorkshopFigures, workshopsFollow } from './workshop-figures.server';
import type { RequestContext } from '../../platform/request.server';

export async function readDashboard({ tx, actor, now }: RequestContext, filters: SteeringFilters) {
  const indicators = await readIndicators(tx, actor.structureId, filters);
  // L'attente se note à l'arrivée, avant qu'un médiateur ou un lieu soit connu : elle vaut pour toute la structure.
  const waiting = filters.mediateur || filters.lieu ? [] : await readWaiting(tx, actor.structureId, filters);
  const activeMandates = await countActiveMandates(tx, actor.structureId, now);
  // Une orientation ne connaît que son auteur : sous un autre filtre (organisme, lieu…), ses chiffres ne se montrent pas.
  const referrals = onlyPeriod({ ...filters, mediateur: undefined }) ? await readReferralFigures(tx, actor.structureId, filters) : null;
  const appointments = appointmentsFollow(filters) ? await readAppointmentFigures(tx, actor.structureId, filters) : null;
  const workshops = workshopsFollow(filters) ? await readWorkshopFigures(tx, actor.structureId, filters, now) : null;
  // La progression entre premiers et derniers diagnostics vaut pour toute la structure : elle ne se montre pas
  // sous un filtre (un médiateur, un organisme…) qu'elle ne saurait pas suivre.
  const autonomy = !onlyPeriod(filters)
    ? null
    : await readProgress(tx, actor.structureId, { start: periodStart(filters), end: periodEnd(filters) });
  const [settings] = await tx
    .select({ threshold: structures.weeklyLoadAlertMinutes, slug: structures.slug, published: structures.openDataPublished })
    .from(structures)
    .where(eq(structures.id, actor.structureId));
  await recordAudit(tx, actor, 'pilotage.consulte', undefined, { du: filters.du, au: filters.au });
  return {
    indicators,
    waiting,
    activeMandates,
    referrals,
    appointments: appointments && appointments.total > 0 ? appointments : null,
    workshops: workshops && workshops.held + workshops.cancelled > 0 ? workshops : null,
    autonomy: autonomy && { repeated: autonomy.repeated, improved: autonomy.trends.progres, declined: autonomy.trends.recul },
    threshold: settings?.threshold ?? 1800,
    openData: { slug: settings!.slug, published: settings!.published },
  };
}

export type Dashboard = Awaited<ReturnType<typeof readDashboard>>;

export async function setLoadThreshold({ actor, tx }: RequestContext, minutes: number) {
  await tx.update(structures).set({ weeklyLoadAlertMinutes: minutes }).where(eq(structures.id, actor.structureId));
  await recordAudit(tx, actor, 'pilotage.seuil_modifie', { type: 'structure', id: actor.structureId }, { minutes });
}
