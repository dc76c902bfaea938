// Les tables de la plateforme : structures (les locataires), comptes, sessions, journal d'audit, files de travaux
// et d'envois. Les politiques RLS, le rôle relais_app et les droits sont dans les migrations SQL (drizzle/).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt } from '../db/columns';
import type { MailAttachment } from './mail.server';

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
  /** Point de départ des recherches de l'annuaire (« près de nous ») ; les lieux portent leurs propres coordonnées. */
  latitude: doublePrecision('latitude'),
  longitude: doublePrecision('longitude'),
  /** Pilotage : au-delà de ce temps d'accompagnement par semaine, la charge d'un médiateur est signalée. */
  weeklyLoadAlertMinutes: integer('weekly_load_alert_minutes').notNull().default(1800),
  /** Orientations : sans réponse du partenaire après ce nombre de jours, l'orientation est à relancer. */
  referralReminderDays: integer('referral_reminder_days').notNull().default(7),
  /** Le responsable publie (ou non) les chiffres agrégés et anonymes de la structure à une adresse publique. */
  openDataPublished: boolean('open_data_published').notNull().default(false),
  /** Portail : la personne voit le nom des agents qui ont lu son dossier (sinon leur rôle seulement). */
  showReaderNames: boolean('show_reader_names').notNull().default(false),
  createdAt: createdAt(),
});

/** Les comptes des agents. Aucun habitant n'a de mot de passe. */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash'),
  /** Secret TOTP chiffré par la clé racine de l'instance (AES-256-GCM, décision 028). */
  totpSecret: text('totp_secret'),
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  /** Dernier pas de temps TOTP accepté : un code ne sert qu'une fois. */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  /** Codes du second facteur refusés d'affilée : au cinquième, le second facteur est bloqué (et l'agent prévenu). */
  totpFailures: integer('totp_failures').notNull().default(0),
  totpLockedUntil: timestamp('totp_locked_until', { withTimezone: true }),
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

/**
 * Une invitation d'un compte qui existe déjà à rejoindre une structure : l'agent invité l'accepte ou la refuse ;
 * rien de son compte (nom, autres structures) ne se montre à la structure qui invite avant qu'il accepte.
 */
export const invitations = pgTable(
  'invitations',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    id: uuid('id').notNull().defaultRandom(),
    email: text('email').notNull(),
    /** Le nom saisi par la structure qui invite (pas celui du compte). */
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    status: text('status').$type<'en_attente' | 'acceptee' | 'refusee' | 'annulee'>().notNull().default('en_attente'),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.structureId, t.id] }),
    uniqueIndex('invitations_pending_idx')
      .on(t.structureId, t.email)
      .where(sql`status = 'en_attente'`),
    index('invitations_email_idx').on(t.email),
  ],
);

/**
 * Un partenariat entre deux structures de l'instance : proposé par l'une (structure_id), accepté par l'autre
 * (partner_id). Seul un partenariat accepté permet de transmettre une orientation (politique de referral_handoffs).
 */
export const partnerships = pgTable(
  'partnerships',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    id: uuid('id').notNull().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => structures.id),
    status: text('status').$type<'proposee' | 'acceptee' | 'refusee' | 'terminee'>().notNull().default('proposee'),
    /** L'agent qui a proposé (nul quand l'exploitant l'a posé, jeu de démonstration ou CLI). */
    proposedBy: uuid('proposed_by').references(() => users.id),
    answeredBy: uuid('answered_by').references(() => users.id),
    createdAt: createdAt(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.structureId, t.id] }),
    uniqueIndex('partnerships_pair_idx')
      .on(sql`least(${t.structureId}, ${t.partnerId})`, sql`greatest(${t.structureId}, ${t.partnerId})`)
      .where(sql`status in ('proposee', 'acceptee')`),
    index('partnerships_partner_idx').on(t.partnerId),
  ],
);

/**
 * Le trousseau de l'instance (décision 028) : une seule ligne, la clé racine scellée par la clé maîtresse. La racine
 * signe les liens et scelle les secrets qui doivent survivre à un changement de clé maîtresse ; seule la propriétaire du
 * schéma la lit (aucun droit pour relais_app ni relais_resident).
 */
export const keyRing = pgTable('key_ring', {
  id: integer('id').primaryKey().default(1),
  wrappedRoot: text('wrapped_root').notNull(),
  createdAt: createdAt(),
  rotatedAt: timestamp('rotated_at', { withTimezone: true }),
});

/** Les sauvegardes de la nuit faites par le worker : quand, quel fichier, quelle taille, réussie ou non. */
export const backupRuns = pgTable(
  'backup_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
    file: text('file').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    status: text('status').$type<'reussie' | 'echec'>().notNull(),
    /** La cause d'un échec, sans donnée personnelle (code ou message du système). */
    error: text('error'),
  },
  (t) => [index('backup_runs_time_idx').on(t.startedAt)],
);

/**
 * Les demandes de mot de passe oublié, en attente du worker : la requête écrit la même ligne que le compte existe
 * ou non (même réponse, même temps) ; le worker crée le lien et l'envoie si le compte existe. Le lien n'est jamais
 * écrit en base, seulement son empreinte (users.reset_token_hash).
 */
export const passwordResetRequests = pgTable(
  'password_reset_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('password_reset_requests_time_idx').on(t.requestedAt)],
);

/**
 * Échecs de connexion par e-mail (haché) et par adresse IP (hachée) : une adresse qui se trompe cinq fois est bloquée
 * pour cet e-mail, sans bloquer l'agent ailleurs ; la ligne d'adresse « * » compte tous les échecs du compte, qui
 * imposent un délai croissant à chaque essai, d'où qu'il vienne.
 */
export const signInThrottles = pgTable(
  'sign_in_throttles',
  {
    emailHash: text('email_hash').notNull(),
    ipHash: text('ip_hash').notNull().default(''),
    failures: integer('failures').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.emailHash, t.ipHash] })],
);

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
    occurredAt: timestamp('occurred_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.structureId, t.id] }),
    index('audit_events_time_idx').on(t.structureId, t.occurredAt),
    // « Qui a lu mon dossier » (portail) : les lectures d'une personne, de ses mandats, diagnostics, orientations.
    index('audit_events_target_idx').on(t.structureId, t.targetType, t.targetId),
  ],
);

/**
 * Les travaux différés (suivi des orientations, purge des envois…) : réclamés par le worker avec
 * FOR UPDATE SKIP LOCKED et un bail, repris avec un délai croissant, idempotents par dedupe_key.
 */
export const jobs = pgTable(
  'jobs',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    id: uuid('id').notNull().defaultRandom(),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    payload: jsonb('payload').notNull().default({}),
    status: text('status').notNull().default('en_attente'),
    attempts: integer('attempts').notNull().default(0),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    result: text('result'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.structureId, t.id] }),
    uniqueIndex('jobs_dedupe_idx').on(t.structureId, t.dedupeKey),
    index('jobs_due_idx')
      .on(t.runAt)
      .where(sql`status in ('en_attente', 'en_cours')`),
    index('jobs_recent_idx').on(t.structureId, t.createdAt),
  ],
);

/** Les messages à envoyer (e-mail, SMS) : écrits dans la transaction qui les décide, envoyés par le worker. */
export const outbox = pgTable(
  'outbox',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    id: uuid('id').notNull().defaultRandom(),
    channel: text('channel').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    /** Une pièce jointe d'un e-mail (l'invitation .ics d'un rendez-vous), petite et en texte. */
    attachment: jsonb('attachment').$type<MailAttachment>(),
    /** Pourquoi ce message part (orientation.fiche, orientation.relance…) et à propos de quoi. */
    purpose: text('purpose').notNull(),
    subjectId: uuid('subject_id'),
    dedupeKey: text('dedupe_key').notNull(),
    status: text('status').notNull().default('en_attente'),
    attempts: integer('attempts').notNull().default(0),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.structureId, t.id] }),
    uniqueIndex('outbox_dedupe_idx').on(t.structureId, t.dedupeKey),
    index('outbox_due_idx')
      .on(t.runAt)
      .where(sql`status in ('en_attente', 'en_cours')`),
    index('outbox_subject_idx').on(t.structureId, t.subjectId),
    index('outbox_recent_idx').on(t.structureId, t.createdAt),
  ],
);
