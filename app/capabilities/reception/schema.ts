// Les tables de cette capacité (Drizzle). Chaque table d'une structure a `structure_id` en tête de clé primaire ;
// ses politiques RLS sont dans les migrations SQL (drizzle/), ses colonnes classées dans app/db/classification.ts.
import { sql } from 'drizzle-orm';
import { boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns';
import { places } from '../directory/schema';
import { structures, users } from '../../platform/schema';
import { tenantTable } from '../../db/tenant-table';
import type { Channel, Level, Mode, Outcome } from './vocabulary';

/** La personne accompagnée : fiche minimale (docs/architecture.md, « Données personnelles »). Jamais d'identifiant ni de mot de passe de ses comptes. */
export const persons = tenantTable('persons', {
  firstName: text('first_name').notNull(),
  lastName: text('last_name'),
  /** Prénom et nom en minuscules sans accents : recherche tolérante (trigrammes). */
  searchName: text('search_name').notNull(),
  birthYear: integer('birth_year'),
  postalCode: text('postal_code'),
  communeInsee: text('commune_insee'),
  communeName: text('commune_name'),
  phone: text('phone'),
  email: text('email'),
  preferredContact: text('preferred_contact'),
  languages: text('languages')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  hasEmail: text('has_email').notNull().default('inconnu'),
  /** Comptes détenus (FranceConnect, ameli, CAF, impots, France Travail) : oui / non / inconnu. */
  accounts: jsonb('accounts')
    .$type<Record<string, string>>()
    .notNull()
    .default(sql`'{}'::jsonb`),
  consentAt: timestamp('consent_at', { withTimezone: true }),
  consentBy: uuid('consent_by').references(() => users.id),
  createdAt: createdAt(),
  createdBy: uuid('created_by').references(() => users.id),
  /**
   * Clé statistique tirée au hasard : portée par ses sollicitations de plus de 2 ans une fois leur lien rompu, elle
   * garde le compte des personnes distinctes ; effacée quand la fiche est anonymisée (plus rien ne la relie).
   */
  statsKey: uuid('stats_key').default(sql`gen_random_uuid()`),
  /** Avertie par la purge : sans activité depuis près de 2 ans, la fiche sera anonymisée 30 jours plus tard au plus tôt. */
  retentionWarnedAt: timestamp('retention_warned_at', { withTimezone: true }),
  anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
});

/** Une demande d'aide : qui, quoi, comment, combien de temps, avec quel résultat. */
export const solicitations = tenantTable(
  'solicitations',
  {
    personId: uuid('person_id'),
    mediatorId: uuid('mediator_id')
      .notNull()
      .references(() => users.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    level: text('level').$type<Level>().notNull(),
    mode: text('mode').$type<Mode>().notNull(),
    organisations: text('organisations').array().notNull(),
    procedure: text('procedure'),
    theme: text('theme'),
    equipment: text('equipment')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    autonomy: text('autonomy'),
    /** Compétences numériques travaillées quand l'aide a formé la personne (thématiques numériques de la Coop). */
    skills: text('skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    durationMinutes: integer('duration_minutes').notNull(),
    outcome: text('outcome').$type<Outcome>().notNull(),
    blockedCause: text('blocked_cause'),
    redirection: text('redirection'),
    nextStep: text('next_step'),
    nextStepDate: date('next_step_date', { mode: 'string' }),
    notes: text('notes'),
    anonymousGender: text('anonymous_gender'),
    anonymousAgeBand: text('anonymous_age_band'),
    anonymousCommune: text('anonymous_commune'),
    /** Après 2 ans, la clé statistique de la personne à la place de son identifiant (purge de conservation). */
    anonymousPerson: uuid('anonymous_person'),
    queueEntryId: uuid('queue_entry_id'),
    /** Le lieu d'accueil de la structure où la personne a été reçue (un lieu de son annuaire marqué comme tel). */
    siteId: uuid('site_id'),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    // Avec la structure dans la clé : une sollicitation ne peut pas désigner le lieu d'une autre structure.
    foreignKey({ name: 'solicitations_site_fk', columns: [t.structureId, t.siteId], foreignColumns: [places.structureId, places.id] }),
    index('solicitations_time_idx').on(t.structureId, t.occurredAt),
    index('solicitations_person_idx').on(t.structureId, t.personId, t.occurredAt),
    index('solicitations_mediator_idx').on(t.structureId, t.mediatorId, t.occurredAt),
    // La file lit « cette arrivée a-t-elle sa sollicitation ? » à chaque affichage : sans index, toute l'histoire.
    index('solicitations_queue_entry_idx').on(t.structureId, t.queueEntryId),
  ],
);

/**
 * Compteurs mensuels des sollicitations par mode d'aide (mois à l'heure de Paris), tenus par des déclencheurs de
 * la migration 0023 : l'histoire sur plusieurs années du pilotage se lit ici au lieu de recompter toutes les lignes.
 */
export const solicitationMonthCounts = pgTable(
  'solicitation_month_counts',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    month: date('month', { mode: 'string' }).notNull(),
    mode: text('mode').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.structureId, t.month, t.mode] })],
);

/** File d'attente de l'accueil : arrivée, prise en charge ou départ sans avoir été reçu. */
export const queueEntries = tenantTable(
  'queue_entries',
  {
    personId: uuid('person_id'),
    displayName: text('display_name').notNull(),
    reason: text('reason'),
    organisation: text('organisation'),
    urgent: boolean('urgent').notNull().default(false),
    arrivedAt: timestamp('arrived_at', { withTimezone: true }).notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }),
    takenBy: uuid('taken_by').references(() => users.id),
    leftAt: timestamp('left_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    index('queue_entries_arrival_idx').on(t.structureId, t.arrivedAt),
  ],
);

/** Note privée sur une personne : lisible par son seul auteur (imposé par la RLS). */
export const privateNotes = tenantTable(
  'private_notes',
  {
    personId: uuid('person_id').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    index('private_notes_person_idx').on(t.structureId, t.personId),
  ],
);

/** Organisme ajouté par une structure à la liste nationale (une caisse locale, un bailleur…). */
export const localOrganisations = pgTable(
  'local_organisations',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    code: text('code').notNull(),
    label: text('label').notNull(),
    theme: text('theme'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.structureId, t.code] })],
);
