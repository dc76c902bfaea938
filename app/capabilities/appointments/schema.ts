// Les tables des rendez-vous (issue 22). Politiques RLS dans drizzle/ (migrations « motifs_de_rendez_vous » et
// « rendez_vous_securite »).
import { and, eq, sql } from 'drizzle-orm';
import { boolean, date, foreignKey, index, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns';
import { tenantTable } from '../../db/tenant-table';
import { users } from '../../platform/schema';
import { places } from '../directory/schema';
import { persons, solicitations } from '../reception/schema';
import { referrals } from '../referrals/schema';
import type { AbsenceKind, AppointmentStatus, BookableBy, BookedVia, Frequency, LocationType } from './vocabulary';

/**
 * Un motif de rendez-vous d'une structure : sa durée, où il se tient, qui peut le prendre, les délais de réservation
 * en ligne, les consignes données après la prise, et l'organisme qui préremplit la sollicitation. Un motif retiré ne
 * se propose plus ; les rendez-vous passés le gardent.
 */
export const appointmentMotifs = tenantTable(
  'appointment_motifs',
  {
    name: text('name').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    locationType: text('location_type').$type<LocationType>().notNull(),
    bookableBy: text('bookable_by').$type<BookableBy>().notNull(),
    minNoticeMinutes: integer('min_notice_minutes').notNull().default(30),
    maxDaysAhead: integer('max_days_ahead').notNull().default(92),
    organisation: text('organisation'),
    instructions: text('instructions'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('appointment_motifs_name_idx')
      .on(t.structureId, sql`lower(${t.name})`)
      .where(sql`archived_at is null`),
  ],
);

/**
 * Une plage d'ouverture : quand un agent reçoit sur un lieu d'accueil, pour quels motifs. Chaque semaine (ou toutes
 * les N semaines) les jours donnés, ou chaque mois (ou tous les N mois) le n-ième jour donné (`nth`, -1 : le dernier),
 * du premier jour au dernier (sans fin si vide). Les heures sont locales (« HH:MM »). Retirée, elle ne s'ouvre plus.
 */
export const openingRanges = tenantTable(
  'opening_ranges',
  {
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id),
    siteId: uuid('site_id').notNull(),
    motifIds: uuid('motif_ids').array().notNull(),
    firstDay: date('first_day').notNull(),
    lastDay: date('last_day'),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    frequency: text('frequency').$type<Frequency>().notNull(),
    interval: integer('interval').notNull().default(1),
    weekdays: integer('weekdays').array().notNull(),
    nth: integer('nth'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ name: 'opening_ranges_site_fk', columns: [t.structureId, t.siteId], foreignColumns: [places.structureId, places.id] }),
    index('opening_ranges_agent_idx').on(t.structureId, t.agentId),
  ],
);

/** Une absence d'un agent (congé, formation…) : aucun créneau ne s'y ouvre. */
export const absences = tenantTable(
  'absences',
  {
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    kind: text('kind').$type<AbsenceKind>().notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('absences_agent_idx').on(t.structureId, t.agentId, t.startsAt)],
);

/**
 * Un rendez-vous : une personne, un motif, un agent, un lieu, une heure. Deux rendez-vous d'un même agent ne se
 * chevauchent jamais tant qu'ils tiennent (contrainte d'exclusion, migration « rendez_vous_securite »), même pris au
 * même instant. Pris par un agent, par la personne dans son espace, ou par un partenaire pour une orientation.
 */
export const appointments = tenantTable(
  'appointments',
  {
    personId: uuid('person_id').notNull(),
    motifId: uuid('motif_id').notNull(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id),
    siteId: uuid('site_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status').$type<AppointmentStatus>().notNull().default('prevu'),
    bookedVia: text('booked_via').$type<BookedVia>().notNull(),
    bookedBy: uuid('booked_by').references(() => users.id),
    referralId: uuid('referral_id'),
    /** Annulé : par qui (la personne, le service) et pourquoi (le service dit toujours pourquoi). */
    cancelledBy: text('cancelled_by'),
    cancelReason: text('cancel_reason'),
    statusAt: timestamp('status_at', { withTimezone: true }),
    statusBy: uuid('status_by').references(() => users.id),
    /** La sollicitation notée quand le rendez-vous est honoré. */
    solicitationId: uuid('solicitation_id'),
    /** « Prévenez-moi si une place plus tôt se libère » : au plus 3 propositions, une par jour. */
    earlierWanted: boolean('earlier_wanted').notNull().default(false),
    earlierOffers: integer('earlier_offers').notNull().default(0),
    earlierOfferedAt: timestamp('earlier_offered_at', { withTimezone: true }),
    /** Changé d'heure : le rendez-vous qu'il remplace (l'agenda de la personne met à jour le même événement). */
    replacesId: uuid('replaces_id'),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ name: 'appointments_replaces_fk', columns: [t.structureId, t.replacesId], foreignColumns: [t.structureId, t.id] }),
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    foreignKey({ columns: [t.structureId, t.motifId], foreignColumns: [appointmentMotifs.structureId, appointmentMotifs.id] }),
    foreignKey({ name: 'appointments_site_fk', columns: [t.structureId, t.siteId], foreignColumns: [places.structureId, places.id] }),
    foreignKey({ columns: [t.structureId, t.referralId], foreignColumns: [referrals.structureId, referrals.id] }),
    foreignKey({
      name: 'appointments_solicitation_fk',
      columns: [t.structureId, t.solicitationId],
      foreignColumns: [solicitations.structureId, solicitations.id],
    }),
    index('appointments_agent_idx').on(t.structureId, t.agentId, t.startsAt),
    index('appointments_day_idx').on(t.structureId, t.startsAt),
    index('appointments_person_idx').on(t.structureId, t.personId, t.startsAt),
  ],
);

/** Un rendez-vous et son motif (même structure) : la jointure de chaque lecture qui nomme le motif. */
export const motifOfAppointment = and(
  eq(appointmentMotifs.structureId, appointments.structureId),
  eq(appointmentMotifs.id, appointments.motifId),
)!;
