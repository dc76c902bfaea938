// Les tables du portail des habitants (C10). Chaque table d'une structure a `structure_id` en tête de clé primaire ;
// ses politiques RLS (dont l'isolement par personne des requêtes d'un habitant) sont dans drizzle/0037.
import { foreignKey, index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt } from '../../db/columns';
import { users } from '../../platform/schema';
import { persons } from '../reception/schema';
import { tenantTable } from '../../db/tenant-table';

/**
 * L'espace personnel d'une personne : ouvert par un agent avec son accord (qui, quand), avec le moyen de connexion
 * choisi ; fermé, il ne rouvre pas (un nouvel accord ouvre un nouvel espace).
 */
export const residentSpaces = tenantTable(
  'resident_spaces',
  {
    personId: uuid('person_id').notNull(),
    signInChannel: text('sign_in_channel').notNull(),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    openedBy: uuid('opened_by')
      .notNull()
      .references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    index('resident_spaces_person_idx').on(t.structureId, t.personId),
    // Un seul espace ouvert par personne.
    uniqueIndex('resident_spaces_open_idx')
      .on(t.structureId, t.personId)
      .where(sql`closed_at is null`),
  ],
);
