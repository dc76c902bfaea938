// Les tables des rendez-vous (issue 22). Politiques RLS dans drizzle/ (migration « motifs_de_rendez_vous »).
import { sql } from 'drizzle-orm';
import { integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns';
import { tenantTable } from '../../db/tenant-table';
import { users } from '../../platform/schema';
import type { BookableBy, LocationType } from './vocabulary';

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
