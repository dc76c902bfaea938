// Paramètres de la structure active : nom, typologie nationale, adresse.
import { eq } from 'drizzle-orm';
import { structures } from '../../db/schema';
import { transaction } from '../../db/transaction.server';
import { recordAudit } from '../../platform/audit.server';
import type { Actor } from '../../platform/policies';
import type { Services } from '../../platform/services.server';

export interface StructureSettings {
  name: string;
  typology: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  referralReminderDays: number;
}

export async function readStructureSettings(services: Services, actor: Actor) {
  return transaction(services.database, actor, async (tx) => {
    const [row] = await tx.select().from(structures).where(eq(structures.id, actor.structureId));
    if (!row) throw new Error('Structure active introuvable');
    return row;
  });
}

export async function updateStructureSettings(services: Services, actor: Actor, settings: StructureSettings) {
  await transaction(services.database, actor, async (tx) => {
    await tx.update(structures).set(settings).where(eq(structures.id, actor.structureId));
    await recordAudit(tx, actor, 'structure.modifiee', { type: 'structure', id: actor.structureId });
  });
}
