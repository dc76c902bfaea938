// Schéma Drizzle de Relais. Les politiques RLS, le rôle relais_app et les droits sont dans
// la migration SQL écrite à la main (drizzle/0001_*.sql) : ils se lisent mieux en SQL.
// Toute table qui porte des données d'une structure a `structure_id` en tête de clé primaire.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Le locataire : un CCAS, un CIAS, une France Services, un lieu partenaire… */
export const structures = pgTable('structures', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** Typologie du schéma national des lieux de médiation numérique (CCAS, BIB, EPN…). */
  typology: text('typology'),
  street: text('street'),
  postalCode: text('postal_code'),
  city: text('city'),
  createdAt: createdAt(),
});

/** Les comptes des agents. Aucun habitant n'a de mot de passe. */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash'),
  /** Secret TOTP chiffré par la clé maîtresse (AES-256-GCM). */
  totpSecret: text('totp_secret'),
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  /** Dernier pas de temps TOTP accepté : un code ne sert qu'une fois. */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  resetTokenHash: text('reset_token_hash').unique(),
  resetExpiresAt: timestamp('reset_expires_at', { withTimezone: true }),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  'memberships',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.structureId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

/** Compteur d'échecs de connexion par e-mail (haché), connu ou non : même réponse pour tous. */
export const signInThrottles = pgTable('sign_in_throttles', {
  emailHash: text('email_hash').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 du jeton du cookie : le jeton lui-même n'est jamais stocké. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    activeStructureId: uuid('active_structure_id'),
    secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('sessions_user_idx').on(t.userId),
    // La structure active est forcément une des adhésions de la personne.
    foreignKey({
      columns: [t.activeStructureId, t.userId],
      foreignColumns: [memberships.structureId, memberships.userId],
    }),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.structureId, t.id] }),
    index('audit_events_time_idx').on(t.structureId, t.occurredAt),
  ],
);
