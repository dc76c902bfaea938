// Consultation du journal d'audit de la structure, filtrée et paginée. La consulter est tracé.
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { auditEvents, users } from '../../platform/schema';
import { recordAudit } from '../../platform/audit.server';
import type { RequestContext } from '../../platform/request.server';
import { dayRange } from '../../platform/time';
import type { AuditFilters } from './rules';

export const AUDIT_PAGE_SIZE = 50;

export async function browseAuditLog({ tx, actor }: RequestContext, filters: AuditFilters) {
  const conditions: SQL[] = [eq(auditEvents.structureId, actor.structureId)];
  if (filters.action) conditions.push(sql`${auditEvents.action} like ${`${filters.action.replace(/[%_\\]/g, '\\$&')}%`}`);
  if (filters.agent) conditions.push(eq(auditEvents.actorUserId, filters.agent));
  if (filters.du) conditions.push(gte(auditEvents.occurredAt, dayRange(filters.du).start));
  if (filters.au) conditions.push(lt(auditEvents.occurredAt, dayRange(filters.au).end));
  const page = filters.page ?? 1;
  const rows = await tx
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      actorName: users.displayName,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  await recordAudit(tx, actor, 'audit.consulte', undefined, { ...filters });
  return { events: rows.slice(0, AUDIT_PAGE_SIZE), page, hasNext: rows.length > AUDIT_PAGE_SIZE };
}
