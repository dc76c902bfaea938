// Paramètres de la structure active : nom, typologie nationale, adresse.
import { eq } from 'drizzle-orm';
import { structures } from '../../platform/schema';
import { recordAudit } from '../../platform/audit.server';
import type { RequestContext } from '../../platform/request.server';
import { backupStatus } from '../../platform/backup/nightly.server';

export interface StructureSettings {
  name: string;
  typology: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  referralReminderDays: number;
  showReaderNames: boolean;
}

export async function readStructureSettings({ tx, actor }: RequestContext) {
  const [row] = await tx.select().from(structures).where(eq(structures.id, actor.structureId));
  if (!row) throw new Error('Structure active introuvable');
  return row;
}

export async function updateStructureSettings({ tx, actor }: RequestContext, settings: StructureSettings) {
  await tx.update(structures).set(settings).where(eq(structures.id, actor.structureId));
  await recordAudit(tx, actor, 'structure.modifiee', { type: 'structure', id: actor.structureId });
}

/** L'état des sauvegardes de l'instance (la dernière, la dernière réussie, l'alerte des 48 h). */
export const readBackupStatus = ({ tx, now }: RequestContext) => backupStatus(tx, now);
