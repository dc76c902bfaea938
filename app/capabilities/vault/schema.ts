// Les tables du coffre-fort (issue 21). Aucun octet d'un papier n'est en base : seulement des clés enveloppées et le
// nom donné au fichier, chiffré. Politiques RLS dans drizzle/ (migration « coffre_fort_securite »).
import { boolean, date, foreignKey, index, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt } from '../../db/columns';
import { users } from '../../platform/schema';
import { persons } from '../reception/schema';
import { tenantTable } from '../../db/tenant-table';

/**
 * Le coffre-fort d'une personne : son accord (donné une fois, à qui, quand) et sa clé, enveloppée par la clé
 * maîtresse. Effacer la personne détruit cette enveloppe (`wrapped_key` à NULL) : ses papiers deviennent illisibles.
 */
export const vaults = tenantTable(
  'vaults',
  {
    personId: uuid('person_id').notNull(),
    wrappedKey: text('wrapped_key'),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    /** L'agent qui a recueilli l'accord ; NULL quand la personne l'a donné elle-même, dans son espace. */
    consentBy: uuid('consent_by').references(() => users.id),
    destroyedAt: timestamp('destroyed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    uniqueIndex('vaults_person_idx').on(t.structureId, t.personId),
  ],
);

/**
 * Un papier : sa clé propre, enveloppée par celle de la personne ; son fichier chiffré sous un nom aléatoire. Retiré,
 * sa clé est détruite et la ligne reste (« retiré le … ») pour l'historique.
 */
export const vaultDocuments = tenantTable(
  'vault_documents',
  {
    personId: uuid('person_id').notNull(),
    kind: text('kind').notNull(),
    issuedOn: date('issued_on'),
    expiresOn: date('expires_on'),
    wrappedKey: text('wrapped_key'),
    storageName: text('storage_name').notNull(),
    /** Le nom du fichier donné par la personne, chiffré par la clé du papier. */
    sealedName: text('sealed_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    pageCount: integer('page_count').notNull(),
    addedBy: uuid('added_by').references(() => users.id),
    addedByPerson: boolean('added_by_person').notNull().default(false),
    createdAt: createdAt(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by').references(() => users.id),
    /** Quand le worker a effacé le fichier chiffré du papier retiré (housekeeping.server.ts). */
    fileRemovedAt: timestamp('file_removed_at', { withTimezone: true }),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    index('vault_documents_person_idx').on(t.structureId, t.personId, t.createdAt),
    index('vault_documents_expiry_idx')
      .on(t.structureId, t.expiresOn)
      .where(sql`removed_at is null`),
    uniqueIndex('vault_documents_storage_idx').on(t.storageName),
  ],
);
