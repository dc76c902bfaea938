// Les plages d'ouverture et les absences des agents (issue 22) : lister, ajouter, retirer. Un chevauchement entre deux
// plages d'un même agent est signalé, jamais bloqué (comme RDV Service Public) ; une absence qui tombe sur des
// rendez-vous le dit, pour que les personnes soient prévenues. Un médiateur gère les siennes, le responsable toutes.
import { and, asc, eq, gt, inArray, isNull, lt, notInArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { recordAudit } from '../../platform/audit.server';
import type { Actor } from '../../platform/policies';
import type { RequestContext } from '../../platform/request.server';
import { memberships, users } from '../../platform/schema';
import { places } from '../directory/schema';
import { receptionSitesIn } from '../reception/sites.server';
import { asOpeningRange, describeRange, type AbsenceInput, type RangeInput } from './ranges';
import { absences, appointmentMotifs, appointments, openingRanges } from './schema';
import { rangesOverlap } from './slots';

/** Les agents qui reçoivent sur rendez-vous : médiateurs et travailleurs sociaux actifs de la structure. */
export async function receivingAgents(tx: Tx, structureId: string) {
  return tx
    .select({ id: users.id, name: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.structureId, structureId),
        isNull(memberships.disabledAt),
        inArray(memberships.role, ['mediateur', 'travailleur_social']),
      ),
    )
    .orderBy(asc(users.displayName));
}

/** Le responsable règle les plages de tous ; un médiateur ou un travailleur social, les siennes. */
const managesEveryone = (actor: Actor) => actor.role === 'responsable';

/** Ce que le formulaire d'une plage propose : les agents (soi-même, ou tous), les lieux d'accueil, les motifs actifs. */
export async function rangeChoices({ tx, actor }: RequestContext) {
  const everyone = await receivingAgents(tx, actor.structureId);
  const agents = managesEveryone(actor) ? everyone : everyone.filter((a) => a.id === actor.userId);
  const sites = await receptionSitesIn(tx, actor.structureId);
  const motifs = await tx
    .select({ id: appointmentMotifs.id, name: appointmentMotifs.name, durationMinutes: appointmentMotifs.durationMinutes })
    .from(appointmentMotifs)
    .where(and(eq(appointmentMotifs.structureId, actor.structureId), isNull(appointmentMotifs.archivedAt)))
    .orderBy(asc(sql`lower(${appointmentMotifs.name})`));
  return { agents, sites, motifs };
}

type RangeRow = typeof openingRanges.$inferSelect;
const asRange = (row: RangeRow) => asOpeningRange({ ...row, frequency: row.frequency, nth: row.nth });

/** Les plages actives de la structure, dites en français, avec les plages du même agent qu'elles chevauchent. */
export async function listRanges({ tx, actor }: RequestContext) {
  const rows = await tx
    .select({ range: openingRanges, agentName: users.displayName, siteName: places.name })
    .from(openingRanges)
    .innerJoin(users, eq(users.id, openingRanges.agentId))
    .innerJoin(places, and(eq(places.structureId, openingRanges.structureId), eq(places.id, openingRanges.siteId)))
    .where(and(eq(openingRanges.structureId, actor.structureId), isNull(openingRanges.archivedAt)))
    .orderBy(asc(users.displayName), asc(openingRanges.firstDay), asc(openingRanges.startTime));
  const motifNames = new Map(
    (
      await tx
        .select({ id: appointmentMotifs.id, name: appointmentMotifs.name })
        .from(appointmentMotifs)
        .where(eq(appointmentMotifs.structureId, actor.structureId))
    ).map((m) => [m.id, m.name]),
  );
  const ranges = rows.map((r) => asRange(r.range));
  const label = (index: number) => `${describeRange(rows[index]!.range)} (${rows[index]!.siteName})`;
  return rows.map(({ range, agentName, siteName }, index) => ({
    id: range.id,
    agentId: range.agentId,
    agentName,
    siteName,
    firstDay: range.firstDay,
    lastDay: range.lastDay,
    description: describeRange(range),
    motifs: range.motifIds.map((id) => motifNames.get(id) ?? 'motif retiré'),
    editable: managesEveryone(actor) || range.agentId === actor.userId,
    overlaps: ranges.flatMap((other, otherIndex) => (rangesOverlap(ranges[index]!, other) ? [label(otherIndex)] : [])),
  }));
}

/** Ajoute la plage ; rend les plages du même agent qu'elle chevauche (à signaler, la plage est enregistrée). */
export async function addRange({ tx, actor }: RequestContext, input: RangeInput) {
  const [row] = await tx
    .insert(openingRanges)
    .values({ structureId: actor.structureId, ...input, createdBy: actor.userId })
    .returning();
  await recordAudit(tx, actor, 'plage.ajoutee', { type: 'plage', id: row!.id });
  const others = await tx
    .select()
    .from(openingRanges)
    .where(
      and(
        eq(openingRanges.structureId, actor.structureId),
        eq(openingRanges.agentId, input.agentId),
        isNull(openingRanges.archivedAt),
        notInArray(openingRanges.id, [row!.id]),
      ),
    );
  const added = asRange(row!);
  return { id: row!.id, overlaps: others.filter((other) => rangesOverlap(added, asRange(other))).map((other) => describeRange(other)) };
}

/** Retire une plage (elle ne s'ouvre plus ; les rendez-vous déjà pris restent). false si elle n'est pas à gérer ici. */
export async function archiveRange({ tx, actor, now }: RequestContext, id: string) {
  const [row] = await tx
    .update(openingRanges)
    .set({ archivedAt: now })
    .where(
      and(
        eq(openingRanges.structureId, actor.structureId),
        eq(openingRanges.id, id),
        isNull(openingRanges.archivedAt),
        managesEveryone(actor) ? undefined : eq(openingRanges.agentId, actor.userId),
      ),
    )
    .returning({ id: openingRanges.id });
  if (!row) return false;
  await recordAudit(tx, actor, 'plage.retiree', { type: 'plage', id });
  return true;
}

/** Les absences en cours ou à venir de la structure. */
export async function listAbsences({ tx, actor, now }: RequestContext) {
  const rows = await tx
    .select({ absence: absences, agentName: users.displayName })
    .from(absences)
    .innerJoin(users, eq(users.id, absences.agentId))
    .where(and(eq(absences.structureId, actor.structureId), isNull(absences.removedAt), gt(absences.endsAt, now)))
    .orderBy(asc(absences.startsAt));
  return rows.map(({ absence, agentName }) => ({
    ...absence,
    agentName,
    editable: managesEveryone(actor) || absence.agentId === actor.userId,
  }));
}

/** Ajoute l'absence ; rend le nombre de rendez-vous prévus qui tombent pendant (à déplacer ou annuler). */
export async function addAbsence({ tx, actor }: RequestContext, input: AbsenceInput) {
  const [row] = await tx
    .insert(absences)
    .values({ structureId: actor.structureId, ...input, createdBy: actor.userId })
    .returning({ id: absences.id });
  await recordAudit(tx, actor, 'absence.ajoutee', { type: 'absence', id: row!.id });
  const [clash] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(appointments)
    .where(
      and(
        eq(appointments.structureId, actor.structureId),
        eq(appointments.agentId, input.agentId),
        eq(appointments.status, 'prevu'),
        lt(appointments.startsAt, input.endsAt),
        gt(appointments.endsAt, input.startsAt),
      ),
    );
  return { id: row!.id, appointments: clash?.n ?? 0 };
}

export async function removeAbsence({ tx, actor, now }: RequestContext, id: string) {
  const [row] = await tx
    .update(absences)
    .set({ removedAt: now })
    .where(
      and(
        eq(absences.structureId, actor.structureId),
        eq(absences.id, id),
        isNull(absences.removedAt),
        managesEveryone(actor) ? undefined : eq(absences.agentId, actor.userId),
      ),
    )
    .returning({ id: absences.id });
  if (!row) return false;
  await recordAudit(tx, actor, 'absence.enlevee', { type: 'absence', id });
  return true;
}
