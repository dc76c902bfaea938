// Les tables de cette capacité (Drizzle). Chaque table d'une structure a `structure_id` en tête de clé primaire ;
// ses politiques RLS sont dans les migrations SQL (drizzle/), ses colonnes classées dans app/db/classification.ts.
import { bigint, boolean, date, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns';
import { structures, users } from '../../platform/schema';
import { persons } from '../reception/schema';
import { vaultDocuments } from '../vault/schema';
import { tenantTable } from '../../db/tenant-table';

/** Mandat d'une personne à la structure et à son médiateur : actif une fois signé, jusqu'à l'échéance ou la révocation. */
export const mandates = tenantTable(
  'mandates',
  {
    personId: uuid('person_id').notNull(),
    mediatorId: uuid('mediator_id')
      .notNull()
      .references(() => users.id),
    areas: text('areas').array().notNull(),
    duration: text('duration').notNull(),
    consentItems: text('consent_items').array().notNull(),
    noProtectionMeasure: boolean('no_protection_measure').notNull(),
    createdAt: createdAt(),
    signatureMethod: text('signature_method'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    signerName: text('signer_name'),
    signatureTrace: text('signature_trace'),
    paperSignedOn: date('paper_signed_on'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
    revocationReason: text('revocation_reason'),
    renewalOf: uuid('renewal_of'),
    /** Le mandat signé rangé dans le coffre-fort de la personne (PDF signé à l'écran, ou papier scanné). */
    documentId: uuid('document_id'),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    foreignKey({ columns: [t.structureId, t.documentId], foreignColumns: [vaultDocuments.structureId, vaultDocuments.id] }),
    index('mandates_person_idx').on(t.structureId, t.personId),
    index('mandates_expiry_idx').on(t.structureId, t.expiresAt),
  ],
);

/** Journal des actes faits sous mandat : ajout seul, chaîné par SHA-256, numéroté par structure. */
export const mandateActs = pgTable(
  'mandate_acts',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    mandateId: uuid('mandate_id').notNull(),
    personId: uuid('person_id').notNull(),
    solicitationId: uuid('solicitation_id'),
    area: text('area').notNull(),
    procedure: text('procedure'),
    onlineService: text('online_service').notNull(),
    whatDone: text('what_done').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.structureId, t.seq] }),
    foreignKey({ columns: [t.structureId, t.mandateId], foreignColumns: [mandates.structureId, mandates.id] }),
    index('mandate_acts_person_idx').on(t.structureId, t.personId),
  ],
);

/** Tête du journal de chaque structure : le dernier numéro et son empreinte, pour détecter une fin tronquée. */
export const mandateJournalHeads = pgTable('mandate_journal_heads', {
  structureId: uuid('structure_id')
    .primaryKey()
    .references(() => structures.id),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
