// Le ménage du coffre-fort, par le worker : le fichier chiffré d'un papier retiré (ou d'une personne effacée) est
// effacé du stockage une fois la transaction qui a détruit sa clé validée. Fait ici et non dans la requête : si elle
// était annulée, le papier garderait sa clé et perdrait son fichier.
import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { transaction } from '../../db/transaction.server';
import type { JobDefinition } from '../../platform/jobs/jobs.server';
import type { Services } from '../../platform/services.server';
import { vaultDocuments } from './schema';

const BATCH = 500;

export async function purgeRemovedFiles(services: Services, structureId: string) {
  return transaction(services.database, { structureId }, async (tx) => {
    const rows = await tx
      .select({ id: vaultDocuments.id, storageName: vaultDocuments.storageName })
      .from(vaultDocuments)
      .where(and(eq(vaultDocuments.structureId, structureId), isNotNull(vaultDocuments.removedAt), isNull(vaultDocuments.fileRemovedAt)))
      .limit(BATCH);
    for (const row of rows) await services.files.remove(row.storageName);
    if (rows.length > 0)
      await tx
        .update(vaultDocuments)
        .set({ fileRemovedAt: services.now() })
        .where(
          and(
            eq(vaultDocuments.structureId, structureId),
            inArray(
              vaultDocuments.id,
              rows.map((r) => r.id),
            ),
          ),
        );
    return rows.length;
  });
}

export const vaultHousekeepingJob: JobDefinition = {
  kind: 'coffre.menage',
  label: 'Coffre-fort : fichiers chiffrés des papiers retirés effacés',
  periodMs: 3_600_000,
  run: async (services, structureId) => {
    const count = await purgeRemovedFiles(services, structureId);
    return `${count} fichier${count > 1 ? 's' : ''} effacé${count > 1 ? 's' : ''}`;
  },
};
