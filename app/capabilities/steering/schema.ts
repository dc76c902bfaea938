// Les tables de cette capacité (Drizzle). Chaque table d'une structure a `structure_id` en tête de clé primaire ;
// ses politiques RLS sont dans les migrations SQL (drizzle/), ses colonnes classées dans app/db/classification.ts.
import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { structures, users } from '../../platform/schema';

/** Le texte du responsable pour le rapport d'activité d'une année (relu et modifié avant chaque édition). */
export const annualReports = pgTable(
  'annual_reports',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    year: integer('year').notNull(),
    text: text('text').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.structureId, t.year] })],
);
