// Les tables de cette capacité (Drizzle). Chaque table d'une structure a `structure_id` en tête de clé primaire ;
// ses politiques RLS sont dans les migrations SQL (drizzle/), ses colonnes classées dans app/db/classification.ts.
import { boolean, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns';
import { places } from '../directory/schema';
import { structures, users } from '../../platform/schema';
import { persons } from '../reception/schema';
import { tenantTable } from '../../db/tenant-table';
import type { Status } from './vocabulary';

/** Une orientation, côté structure qui oriente : la personne, le lieu, le motif, ce qu'il faut apporter. */
export const referrals = tenantTable(
  'referrals',
  {
    personId: uuid('person_id').notNull(),
    solicitationId: uuid('solicitation_id'),
    placeId: uuid('place_id').notNull(),
    /** La structure partenaire qui reçoit le minimum partagé (referral_handoffs), si le lieu en a une et que la personne l'accepte. */
    partnerStructureId: uuid('partner_structure_id').references(() => structures.id),
    reason: text('reason').notNull(),
    toBring: text('to_bring'),
    channel: text('channel').notNull(),
    appointmentAt: timestamp('appointment_at', { withTimezone: true }),
    consentShare: boolean('consent_share').notNull(),
    /** Sans partenaire sur Relais, la structure note elle-même ce qu'il est advenu. */
    status: text('status').$type<Status>().notNull().default('envoyee'),
    outcome: text('outcome'),
    refusalReason: text('refusal_reason'),
    outcomeComment: text('outcome_comment'),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    /** Le service du lieu (vocabulaire national) pour lequel la personne est orientée, s'il est précisé. */
    service: text('service'),
    /** La dernière relance envoyée au lieu (au plus une tous les N jours) et leur nombre. */
    lastReminderAt: timestamp('last_reminder_at', { withTimezone: true }),
    reminderCount: integer('reminder_count').notNull().default(0),
    /** Quand l'orientation, restée sans réponse 30 jours, a expiré (et que l'agent en a été prévenu). */
    expiredAt: timestamp('expired_at', { withTimezone: true }),
    createdAt: createdAt(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    foreignKey({ columns: [t.structureId, t.placeId], foreignColumns: [places.structureId, places.id] }),
    index('referrals_person_idx').on(t.structureId, t.personId),
    index('referrals_time_idx').on(t.structureId, t.createdAt),
  ],
);

/**
 * Le minimum d'une orientation transmis au partenaire (nom, contact, motif), rangé chez lui : la structure qui
 * reçoit le lit et y répond ; celle qui oriente le crée et lit la réponse (politiques RLS de la migration 0017).
 */
export const referralHandoffs = pgTable(
  'referral_handoffs',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    id: uuid('id').notNull(),
    senderStructureId: uuid('sender_structure_id')
      .notNull()
      .references(() => structures.id),
    senderName: text('sender_name').notNull(),
    senderAgentName: text('sender_agent_name').notNull(),
    placeName: text('place_name').notNull(),
    personName: text('person_name').notNull(),
    personContact: text('person_contact'),
    reason: text('reason').notNull(),
    toBring: text('to_bring'),
    channel: text('channel').notNull(),
    appointmentAt: timestamp('appointment_at', { withTimezone: true }),
    service: text('service'),
    status: text('status').$type<Status>().notNull().default('envoyee'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    outcome: text('outcome'),
    refusalReason: text('refusal_reason'),
    comment: text('comment'),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    outcomeBy: uuid('outcome_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.structureId, t.id] }),
    index('referral_handoffs_inbox_idx').on(t.structureId, t.status, t.createdAt),
    index('referral_handoffs_sender_idx').on(t.senderStructureId, t.id),
  ],
);

/**
 * Le minimum d'une orientation transmis à un lieu sans compte sur Relais, par un lien signé qui expire : la
 * structure qui oriente le crée et lit la réponse ; le porteur du lien ne voit que cette ligne, tant qu'elle n'a
 * ni expiré ni été retirée (politiques RLS de la migration 0019, réglage relais.referral_link).
 */
export const referralLinks = tenantTable(
  'referral_links',
  {
    referralId: uuid('referral_id').notNull(),
    senderName: text('sender_name').notNull(),
    senderAgentName: text('sender_agent_name').notNull(),
    placeName: text('place_name').notNull(),
    personName: text('person_name').notNull(),
    personContact: text('person_contact'),
    reason: text('reason').notNull(),
    toBring: text('to_bring'),
    channel: text('channel').notNull(),
    appointmentAt: timestamp('appointment_at', { withTimezone: true }),
    service: text('service'),
    /** L'adresse du lieu à qui le lien a été envoyé (sinon l'agent le transmet lui-même). */
    sentTo: text('sent_to'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    status: text('status').$type<Status>().notNull().default('envoyee'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    outcome: text('outcome'),
    refusalReason: text('refusal_reason'),
    comment: text('comment'),
    answeredBy: text('answered_by'),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    createdAt: createdAt(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.referralId], foreignColumns: [referrals.structureId, referrals.id] }),
    index('referral_links_referral_idx').on(t.structureId, t.referralId),
    index('referral_links_id_idx').on(t.id),
  ],
);
