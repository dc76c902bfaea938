// Les tables des ateliers collectifs (issue 23). Politiques RLS, compteur de places et contraintes dans drizzle/
// (migration « ateliers »).
import { and, eq, sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns';
import { tenantTable } from '../../db/tenant-table';
import { users } from '../../platform/schema';
import { planSteps } from '../diagnosis/schema';
import { places } from '../directory/schema';
import { persons } from '../reception/schema';
import type { Level, RegisteredVia, RegistrationStatus } from './vocabulary';

/**
 * Un atelier du catalogue : son titre, sa thématique Coop et les gestes de la grille qu'il travaille, son niveau, sa
 * description en mots simples pour les habitants, sa durée, ce qu'il faut apporter, les prérequis, et le nombre de
 * séances quand c'est un cycle. Retiré, il ne se propose plus ; ses séances passées restent.
 */
export const workshops = tenantTable(
  'workshops',
  {
    title: text('title').notNull(),
    theme: text('theme').notNull(),
    skills: text('skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    level: text('level').$type<Level>().notNull(),
    description: text('description').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    toBring: text('to_bring'),
    prerequisites: text('prerequisites'),
    cycleLength: integer('cycle_length').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('workshops_title_idx')
      .on(t.structureId, sql`lower(${t.title})`)
      .where(sql`archived_at is null`),
  ],
);

/**
 * Une séance d'un atelier : un lieu de l'annuaire de la structure, une heure, une capacité, qui anime (un agent, ou un
 * partenaire nommé) et les pairs-aidants présents. `seats_taken` compte les places tenues ; un déclencheur le tient à
 * jour et une contrainte l'empêche de dépasser la capacité, même sous des inscriptions simultanées.
 */
export const workshopSessions = tenantTable(
  'workshop_sessions',
  {
    workshopId: uuid('workshop_id').notNull(),
    placeId: uuid('place_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    seatsTaken: integer('seats_taken').notNull().default(0),
    facilitatorId: uuid('facilitator_id').references(() => users.id),
    facilitatorName: text('facilitator_name'),
    peerHelperIds: uuid('peer_helper_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.workshopId], foreignColumns: [workshops.structureId, workshops.id] }),
    foreignKey({
      name: 'workshop_sessions_place_fk',
      columns: [t.structureId, t.placeId],
      foreignColumns: [places.structureId, places.id],
    }),
    index('workshop_sessions_time_idx').on(t.structureId, t.startsAt),
    index('workshop_sessions_workshop_idx').on(t.structureId, t.workshopId, t.startsAt),
  ],
);

/**
 * Une personne à une séance : inscrite, sur la liste d'attente (dans l'ordre d'arrivée), place proposée à confirmer
 * avant `offer_expires_at`, désinscrite, puis présente, absente ou excusée. Une seule inscription en cours par séance.
 * Liée à l'étape « atelier collectif » de son plan quand elle en vient : la présence la fait passer à « faite ».
 */
export const workshopRegistrations = tenantTable(
  'workshop_registrations',
  {
    sessionId: uuid('session_id').notNull(),
    personId: uuid('person_id').notNull(),
    status: text('status').$type<RegistrationStatus>().notNull(),
    via: text('via').$type<RegisteredVia>().notNull(),
    registeredBy: uuid('registered_by').references(() => users.id),
    planStepId: uuid('plan_step_id'),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
    offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
    statusAt: timestamp('status_at', { withTimezone: true }).notNull().defaultNow(),
    statusBy: uuid('status_by').references(() => users.id),
    /**
     * Présente, la personne avait-elle déjà été aidée une à une (une sollicitation avant la séance) ? Noté à la présence :
     * la purge de conservation détache les vieilles sollicitations, le chiffre du pilotage ne bouge pas.
     */
    afterIndividualHelp: boolean('after_individual_help').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: 'workshop_registrations_session_fk',
      columns: [t.structureId, t.sessionId],
      foreignColumns: [workshopSessions.structureId, workshopSessions.id],
    }),
    foreignKey({
      name: 'workshop_registrations_person_fk',
      columns: [t.structureId, t.personId],
      foreignColumns: [persons.structureId, persons.id],
    }),
    foreignKey({
      name: 'workshop_registrations_step_fk',
      columns: [t.structureId, t.planStepId],
      foreignColumns: [planSteps.structureId, planSteps.id],
    }),
    uniqueIndex('workshop_registrations_once_idx')
      .on(t.structureId, t.sessionId, t.personId)
      .where(sql`status in ('inscrit', 'proposee', 'attente', 'present', 'absent', 'excuse')`),
    index('workshop_registrations_person_idx').on(t.structureId, t.personId),
    index('workshop_registrations_session_idx').on(t.structureId, t.sessionId, t.createdAt),
  ],
);

/** Une inscription et sa séance (même structure) : la jointure de chaque lecture qui date une inscription. */
export const sessionOfRegistration = and(
  eq(workshopSessions.structureId, workshopRegistrations.structureId),
  eq(workshopSessions.id, workshopRegistrations.sessionId),
)!;
/** Une séance et son atelier. */
export const workshopOfSession = and(
  eq(workshops.structureId, workshopSessions.structureId),
  eq(workshops.id, workshopSessions.workshopId),
)!;
/** Une séance et son lieu. */
export const placeOfSession = and(eq(places.structureId, workshopSessions.structureId), eq(places.id, workshopSessions.placeId))!;
