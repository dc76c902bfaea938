// Journal d'audit : chaque mutation et chaque lecture de donnée sensible, dans la même transaction.
import type { Tx } from '../db/database.server';
import { auditEvents } from './schema';
import type { AuditAction } from './audit-actions';

export interface AuditActor {
  structureId: string;
  userId: string | null;
}

export interface AuditTarget {
  type: string;
  id: string;
}

export async function recordAudit(tx: Tx, actor: AuditActor, action: AuditAction, target?: AuditTarget, details?: Record<string, unknown>) {
  await tx.insert(auditEvents).values({
    structureId: actor.structureId,
    actorUserId: actor.userId,
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    details: details ?? null,
  });
}
