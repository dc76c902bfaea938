// Les tables de cette capacité (Drizzle). Chaque table d'une structure a `structure_id` en tête de clé primaire ;
// ses politiques RLS sont dans les migrations SQL (drizzle/), ses colonnes classées dans app/db/classification.ts.
import { sql } from 'drizzle-orm';
import { date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns';
import { places } from '../directory/schema';
import { structures, users } from '../../platform/schema';
import { persons } from '../reception/schema';
import { tenantTable } from '../../db/tenant-table';
import type { Autonomy } from '../../vocabulary/coop';
import type { Level } from '../reception/vocabulary';
import type { StepKind, StepStatus } from './vocabulary';

/**
 * Un diagnostic (C2) : les réponses de la grille, et le résultat calculé au moment de l'enregistrer (notes par
 * bloc, note d'ensemble, niveau, autonomie, freins) pour que la progression et le pilotage se lisent en SQL.
 */
export const diagnoses = tenantTable(
  'diagnoses',
  {
    personId: uuid('person_id').notNull(),
    answers: jsonb('answers').notNull(),
    blockScores: jsonb('block_scores').$type<Record<string, number | null>>().notNull(),
    overallScore: integer('overall_score').notNull(),
    computedLevel: text('computed_level').$type<Level>().notNull(),
    /** Le niveau retenu : le calculé, ou celui que le médiateur choisit en disant pourquoi. */
    level: text('level').$type<Level>().notNull(),
    levelReason: text('level_reason'),
    autonomy: text('autonomy').$type<Autonomy>().notNull(),
    freins: text('freins')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    comment: text('comment'),
    createdAt: createdAt(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    index('diagnoses_person_idx').on(t.structureId, t.personId, t.createdAt),
    index('diagnoses_time_idx').on(t.structureId, t.createdAt),
  ],
);

/** Une étape du plan d'une personne : accompagnement, atelier, lieu de formation ou pair-aidant, avec son état. */
export const planSteps = tenantTable(
  'plan_steps',
  {
    personId: uuid('person_id').notNull(),
    diagnosisId: uuid('diagnosis_id'),
    kind: text('kind').$type<StepKind>().notNull(),
    label: text('label').notNull(),
    placeId: uuid('place_id'),
    helperPersonId: uuid('helper_person_id'),
    dueOn: date('due_on'),
    status: text('status').$type<StepStatus>().notNull().default('a_faire'),
    statusAt: timestamp('status_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    foreignKey({ columns: [t.structureId, t.diagnosisId], foreignColumns: [diagnoses.structureId, diagnoses.id] }),
    foreignKey({ columns: [t.structureId, t.placeId], foreignColumns: [places.structureId, places.id] }),
    foreignKey({ columns: [t.structureId, t.helperPersonId], foreignColumns: [persons.structureId, persons.id] }),
    index('plan_steps_person_idx').on(t.structureId, t.personId),
  ],
);

/** Une personne volontaire pour aider d'autres habitants (pair-aidant), avec ce qu'elle peut partager et son accord. */
export const peerHelpers = pgTable(
  'peer_helpers',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    personId: uuid('person_id').notNull(),
    skills: text('skills').array().notNull(),
    availability: text('availability'),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull().defaultNow(),
    consentBy: uuid('consent_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.structureId, t.personId] }),
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
  ],
);
