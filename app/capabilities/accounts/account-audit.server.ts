// Les événements d'un compte (mot de passe changé, double authentification activée) n'appartiennent
// à aucune structure : ils sont écrits dans le journal de chacune des structures de l'agent.
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { memberships } from '../../platform/schema';
import { applySettings } from '../../db/transaction.server';
import type { AuditAction } from '../../platform/audit-actions';
import { recordAudit } from '../../platform/audit.server';

export async function recordAccountEvent(tx: Tx, userId: string, action: AuditAction) {
  await applySettings(tx, { userId });
  const rows = await tx.select({ structureId: memberships.structureId }).from(memberships).where(eq(memberships.userId, userId));
  for (const { structureId } of rows) {
    await applySettings(tx, { structureId });
    await recordAudit(tx, { structureId, userId }, action, { type: 'utilisateur', id: userId });
  }
}
