// Les tables du coffre-fort (issue 21). Aucun octet d'un papier n'est en base : seulement des clés enveloppées et le
// nom donné au fichier, chiffré. Politiques RLS dans drizzle/ (migration « coffre_fort_securite »).
import { boolean, date, foreignKey, index, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt } from '../../db/columns';
import { structures, users } from '../../platform/schema';
import { persons } from '../reception/schema';
import { referrals } from '../referrals/schema';
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

/**
 * Un partage décidé par la personne : quels papiers, à qui, jusqu'à quand. Un agent de la structure (`agent`) les
 * ouvre sans avoir à donner de motif, chaque ouverture notée pour la personne. Un organisme (par e-mail) reçoit un lien
 * signé et, à part, un code à usage unique (seule son empreinte est gardée) ; le code accepté ouvre un accès lié à un
 * seul navigateur (`access_hash`). Une structure partenaire (`orientation`) lit les papiers depuis l'orientation
 * qu'elle a reçue (`referral_id`), tant que le partage court et que le partenariat tient (RLS, migration 0060).
 * Retiré, le partage ne mène plus à rien.
 */
export const vaultShares = tenantTable(
  'vault_shares',
  {
    personId: uuid('person_id').notNull(),
    documentIds: uuid('document_ids').array().notNull(),
    recipientKind: text('recipient_kind').notNull(),
    recipientName: text('recipient_name').notNull(),
    recipientEmail: text('recipient_email'),
    /** Pour un agent de la structure (`agent`) : son compte. */
    recipientUserId: uuid('recipient_user_id').references(() => users.id),
    /** Pour une structure partenaire (`orientation`) : l'orientation qu'elle a reçue et la structure elle-même. */
    referralId: uuid('referral_id'),
    recipientStructureId: uuid('recipient_structure_id').references(() => structures.id),
    codeHash: text('code_hash'),
    codeAttempts: integer('code_attempts').notNull().default(0),
    codeUsedAt: timestamp('code_used_at', { withTimezone: true }),
    accessHash: text('access_hash'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** L'agent qui a fait le partage avec la personne ; NULL quand elle l'a fait elle-même, dans son espace. */
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    index('vault_shares_person_idx').on(t.structureId, t.personId, t.createdAt),
    index('vault_shares_id_idx').on(t.id),
    foreignKey({ columns: [t.structureId, t.referralId], foreignColumns: [referrals.structureId, referrals.id] }),
    index('vault_shares_recipient_idx')
      .on(t.recipientStructureId, t.referralId)
      .where(sql`recipient_structure_id is not null`),
  ],
);

/** Chaque papier vu ou téléchargé par le destinataire d'un partage : la personne le lit dans son espace. */
export const vaultShareEvents = tenantTable(
  'vault_share_events',
  {
    personId: uuid('person_id').notNull(),
    shareId: uuid('share_id').notNull(),
    documentId: uuid('document_id').notNull(),
    action: text('action').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.shareId], foreignColumns: [vaultShares.structureId, vaultShares.id] }),
    foreignKey({ columns: [t.structureId, t.documentId], foreignColumns: [vaultDocuments.structureId, vaultDocuments.id] }),
    index('vault_share_events_person_idx').on(t.structureId, t.personId, t.occurredAt),
  ],
);
