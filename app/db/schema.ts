// Schéma Drizzle de Relais. Les politiques RLS, le rôle relais_app et les droits sont dans
// la migration SQL écrite à la main (drizzle/0001_*.sql) : ils se lisent mieux en SQL.
// Toute table qui porte des données d'une structure a `structure_id` en tête de clé primaire.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
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
  /** Point de départ des recherches de l'annuaire (« près de nous ») ; les lieux portent leurs propres coordonnées. */
  latitude: doublePrecision('latitude'),
  longitude: doublePrecision('longitude'),
  /** Pilotage : au-delà de ce temps d'accompagnement par semaine, la charge d'un médiateur est signalée. */
  weeklyLoadAlertMinutes: integer('weekly_load_alert_minutes').notNull().default(1800),
  /** Orientations : sans réponse du partenaire après ce nombre de jours, l'orientation est à relancer. */
  referralReminderDays: integer('referral_reminder_days').notNull().default(7),
  /** Le responsable publie (ou non) les chiffres agrégés et anonymes de la structure à une adresse publique. */
  openDataPublished: boolean('open_data_published').notNull().default(false),
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
    occurredAt: timestamp('occurred_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.structureId, t.id] }), index('audit_events_time_idx').on(t.structureId, t.occurredAt)],
);

// --- Accueil (C1) -------------------------------------------------------------------------------------

/** La personne accompagnée : fiche minimale (SPEC C12). Jamais d'identifiant ni de mot de passe de ses comptes. */
export const persons = pgTable(
  'persons',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    id: uuid('id').notNull().defaultRandom(),
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
  },
  (t) => [primaryKey({ columns: [t.structureId, t.id] })],
);

/** Une demande d'aide : qui, quoi, comment, combien de temps, avec quel résultat. */
export const solicitations = pgTable(
  'solicitations',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id'),
    mediatorId: uuid('mediator_id')
      .notNull()
      .references(() => users.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    channel: text('channel').notNull(),
    level: text('level').notNull(),
    mode: text('mode').notNull(),
    organisations: text('organisations').array().notNull(),
    procedure: text('procedure'),
    theme: text('theme'),
    equipment: text('equipment')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    autonomy: text('autonomy'),
    durationMinutes: integer('duration_minutes').notNull(),
    outcome: text('outcome').notNull(),
    blockedCause: text('blocked_cause'),
    redirection: text('redirection'),
    nextStep: text('next_step'),
    nextStepDate: date('next_step_date', { mode: 'string' }),
    notes: text('notes'),
    anonymousGender: text('anonymous_gender'),
    anonymousAgeBand: text('anonymous_age_band'),
    anonymousCommune: text('anonymous_commune'),
    queueEntryId: uuid('queue_entry_id'),
    /** Le lieu d'accueil de la structure où la personne a été reçue (un lieu de son annuaire marqué comme tel). */
    siteId: uuid('site_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.structureId, t.id] }),
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    // Avec la structure dans la clé : une sollicitation ne peut pas désigner le lieu d'une autre structure.
    foreignKey({ name: 'solicitations_site_fk', columns: [t.structureId, t.siteId], foreignColumns: [places.structureId, places.id] }),
    index('solicitations_time_idx').on(t.structureId, t.occurredAt),
    index('solicitations_person_idx').on(t.structureId, t.personId, t.occurredAt),
    index('solicitations_mediator_idx').on(t.structureId, t.mediatorId, t.occurredAt),
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
export const queueEntries = pgTable(
  'queue_entries',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    id: uuid('id').notNull().defaultRandom(),
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
    primaryKey({ columns: [t.structureId, t.id] }),
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    index('queue_entries_arrival_idx').on(t.structureId, t.arrivedAt),
  ],
);

/** Note privée sur une personne : lisible par son seul auteur (imposé par la RLS). */
export const privateNotes = pgTable(
  'private_notes',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.structureId, t.id] }),
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

/** Mandat d'une personne à la structure et à son médiateur : actif une fois signé, jusqu'à l'échéance ou la révocation. */
export const mandates = pgTable(
  'mandates',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    mediatorId: uuid('mediator_id')
      .notNull()
      .references(() => users.id),
    areas: text('areas').array().notNull(),
    duration: text('duration').notNull(),
    consentItems: text('consent_items').array().notNull(),
    noProtectionMeasure: boolean('no_protection_measure').notNull(),
    createdAt: createdAt(),
    signatureMethod: text('signature_method'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    signerName: text('signer_name'),
    signatureTrace: text('signature_trace'),
    paperSignedOn: date('paper_signed_on'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
    revocationReason: text('revocation_reason'),
    renewalOf: uuid('renewal_of'),
  },
  (t) => [
    primaryKey({ columns: [t.structureId, t.id] }),
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    index('mandates_person_idx').on(t.structureId, t.personId),
    index('mandates_expiry_idx').on(t.structureId, t.expiresAt),
  ],
);

/** Journal des actes faits sous mandat : ajout seul, chaîné par SHA-256, numéroté par structure. */
export const mandateActs = pgTable(
  'mandate_acts',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    mandateId: uuid('mandate_id').notNull(),
    personId: uuid('person_id').notNull(),
    solicitationId: uuid('solicitation_id'),
    area: text('area').notNull(),
    procedure: text('procedure'),
    onlineService: text('online_service').notNull(),
    whatDone: text('what_done').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.structureId, t.seq] }),
    foreignKey({ columns: [t.structureId, t.mandateId], foreignColumns: [mandates.structureId, mandates.id] }),
    index('mandate_acts_person_idx').on(t.structureId, t.personId),
  ],
);

/** Tête du journal de chaque structure : le dernier numéro et son empreinte, pour détecter une fin tronquée. */
export const mandateJournalHeads = pgTable('mandate_journal_heads', {
  structureId: uuid('structure_id')
    .primaryKey()
    .references(() => structures.id),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

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

// --- Annuaire (C3) ------------------------------------------------------------------------------------

const textList = (name: string) =>
  text(name)
    .array()
    .notNull()
    .default(sql`'{}'::text[]`);

/**
 * Un lieu de l'annuaire d'une structure, au schéma national des lieux de médiation numérique (v1.0.2) :
 * les colonnes du format national, listes rangées en tableaux de valeurs verbatim, plus ce que Relais y
 * ajoute pour orienter (organismes dont le lieu fait les démarches, thématiques de la Coop).
 */
export const places = pgTable(
  'places',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    id: uuid('id').notNull().defaultRandom(),
    /** Le champ `id` du format national : stable d'un import à l'autre. */
    nationalId: text('national_id').notNull(),
    pivot: text('pivot').notNull(),
    name: text('name').notNull(),
    /** Nom et commune pliés (minuscules, sans accents) pour la recherche. */
    searchText: text('search_text').notNull(),
    street: text('street').notNull(),
    city: text('city').notNull(),
    postalCode: text('postal_code').notNull(),
    inseeCode: text('insee_code'),
    addressComplement: text('address_complement'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    typologies: textList('typologies'),
    phone: text('phone'),
    emails: textList('emails'),
    websites: textList('websites'),
    openingHours: text('opening_hours'),
    summary: text('summary'),
    description: text('description'),
    source: text('source'),
    parentStructure: text('parent_structure'),
    updatedOn: date('updated_on', { mode: 'string' }).notNull(),
    services: text('services').array().notNull(),
    publics: textList('publics'),
    specificSupport: textList('specific_support'),
    fees: textList('fees'),
    itinerance: textList('itinerance'),
    accessModes: textList('access_modes'),
    supportModes: textList('support_modes'),
    accessibilityUrl: text('accessibility_url'),
    bookingUrl: text('booking_url'),
    nationalProgrammes: textList('national_programmes'),
    trainingLabels: textList('training_labels'),
    otherLabels: textList('other_labels'),
    /** Relais : organismes (codes du catalogue de la structure) dont le lieu aide à faire les démarches. */
    organisations: textList('organisations'),
    /** Relais : thématiques administratives de la Coop que le lieu traite. */
    themes: textList('themes'),
    /** La structure inscrite sur Relais qui reçoit les orientations vers ce lieu (un partenaire), s'il y en a une. */
    partnerStructureId: uuid('partner_structure_id').references(() => structures.id),
    /** Relais : un lieu d'accueil de la structure elle-même (siège, antenne, permanence), où ses sollicitations sont notées. */
    receptionSite: boolean('reception_site').notNull().default(false),
    /** Un lieu retiré de l'annuaire ne se propose plus, mais les orientations passées le gardent. */
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.structureId, t.id] })],
);

// --- Orientations (C3) --------------------------------------------------------------------------------

/** Une orientation, côté structure qui oriente : la personne, le lieu, le motif, ce qu'il faut apporter. */
export const referrals = pgTable(
  'referrals',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    id: uuid('id').notNull().defaultRandom(),
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
    status: text('status').notNull().default('envoyee'),
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
    primaryKey({ columns: [t.structureId, t.id] }),
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
    status: text('status').notNull().default('envoyee'),
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
export const referralLinks = pgTable(
  'referral_links',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    id: uuid('id').notNull().defaultRandom(),
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
    status: text('status').notNull().default('envoyee'),
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
    primaryKey({ columns: [t.structureId, t.id] }),
    foreignKey({ columns: [t.structureId, t.referralId], foreignColumns: [referrals.structureId, referrals.id] }),
    index('referral_links_referral_idx').on(t.structureId, t.referralId),
    index('referral_links_id_idx').on(t.id),
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

/**
 * Un diagnostic (C2) : les réponses de la grille, et le résultat calculé au moment de l'enregistrer (notes par
 * bloc, note d'ensemble, niveau, autonomie, freins) pour que la progression et le pilotage se lisent en SQL.
 */
export const diagnoses = pgTable(
  'diagnoses',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    answers: jsonb('answers').notNull(),
    blockScores: jsonb('block_scores').$type<Record<string, number | null>>().notNull(),
    overallScore: integer('overall_score').notNull(),
    computedLevel: text('computed_level').notNull(),
    /** Le niveau retenu : le calculé, ou celui que le médiateur choisit en disant pourquoi. */
    level: text('level').notNull(),
    levelReason: text('level_reason'),
    autonomy: text('autonomy').notNull(),
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
    primaryKey({ columns: [t.structureId, t.id] }),
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    index('diagnoses_person_idx').on(t.structureId, t.personId, t.createdAt),
    index('diagnoses_time_idx').on(t.structureId, t.createdAt),
  ],
);

/** Une étape du plan d'une personne : accompagnement, atelier, lieu de formation ou pair-aidant, avec son état. */
export const planSteps = pgTable(
  'plan_steps',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    diagnosisId: uuid('diagnosis_id'),
    kind: text('kind').notNull(),
    label: text('label').notNull(),
    placeId: uuid('place_id'),
    helperPersonId: uuid('helper_person_id'),
    dueOn: date('due_on'),
    status: text('status').notNull().default('a_faire'),
    statusAt: timestamp('status_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.structureId, t.id] }),
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
