// Les tables du portail des habitants (C10). Chaque table d'une structure a `structure_id` en tête de clé primaire ;
// ses politiques RLS (dont l'isolement par personne des requêtes d'un habitant) sont dans drizzle/0037.
import { boolean, foreignKey, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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

/**
 * Un code à usage unique envoyé par SMS ou par e-mail (6 chiffres, 10 minutes, 5 essais). Seules des empreintes sont
 * gardées : celle du code (HMAC par la clé racine) et celle du contact, par laquelle la personne le retrouve avant
 * d'être connue (politique `resident_codes_contact`, drizzle/0039).
 */
export const residentCodes = tenantTable(
  'resident_codes',
  {
    spaceId: uuid('space_id').notNull(),
    personId: uuid('person_id').notNull(),
    contactHash: text('contact_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.spaceId], foreignColumns: [residentSpaces.structureId, residentSpaces.id] }),
    index('resident_codes_contact_idx').on(t.contactHash, t.expiresAt),
    index('resident_codes_space_idx').on(t.structureId, t.spaceId),
  ],
);

/**
 * La session d'un habitant, à part de celles des agents (son propre cookie). `shared_computer` : un poste en libre
 * accès, déconnecté après 5 minutes d'inactivité au lieu de 30.
 */
export const residentSessions = tenantTable(
  'resident_sessions',
  {
    tokenHash: text('token_hash').notNull(),
    spaceId: uuid('space_id').notNull(),
    personId: uuid('person_id').notNull(),
    sharedComputer: boolean('shared_computer').notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.spaceId], foreignColumns: [residentSpaces.structureId, residentSpaces.id] }),
    uniqueIndex('resident_sessions_token_idx').on(t.tokenHash),
    index('resident_sessions_space_idx').on(t.structureId, t.spaceId),
  ],
);

/**
 * Les demandes de code, pour limiter leur rythme par contact et par adresse IP (des empreintes seulement). Hors
 * structure : la demande arrive avant de savoir de qui il s'agit ; seule une fonction du propriétaire la lit.
 */
export const residentCodeRequests = pgTable(
  'resident_code_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactHash: text('contact_hash').notNull(),
    ipHash: text('ip_hash').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('resident_code_requests_contact_idx').on(t.contactHash, t.requestedAt),
    index('resident_code_requests_ip_idx').on(t.ipHash, t.requestedAt),
  ],
);

/**
 * La carte imprimée par la structure : un QR code qui porte un identifiant aléatoire (rien de personnel ; seule son
 * empreinte est gardée) et un code secret (PIN) remis sur une lettre à part, gardé en HMAC sous la clé racine.
 * 5 codes faux la bloquent ; une nouvelle carte remplace la précédente ; « carte perdue » la retire. Une seule carte
 * valable par espace (index partiel) ; un espace fermé retire la sienne (drizzle/0042).
 */
export const residentCards = tenantTable(
  'resident_cards',
  {
    spaceId: uuid('space_id').notNull(),
    personId: uuid('person_id').notNull(),
    cardHash: text('card_hash').notNull(),
    pinHash: text('pin_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** remplacee, perdue, retiree, espace_ferme */
    revocationReason: text('revocation_reason'),
    issuedBy: uuid('issued_by')
      .notNull()
      .references(() => users.id),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.spaceId], foreignColumns: [residentSpaces.structureId, residentSpaces.id] }),
    uniqueIndex('resident_cards_card_idx').on(t.cardHash),
    uniqueIndex('resident_cards_valid_idx')
      .on(t.structureId, t.spaceId)
      .where(sql`revoked_at is null`),
  ],
);

/**
 * Une demande de la personne depuis son espace (RGPD) : corriger une donnée, ou effacer ses données. La structure y
 * répond dans le mois (`due_at`) ; la réponse et qui l'a donnée sont gardées. Écrite sous le rôle relais_resident
 * (INSERT et lecture de ses seules demandes, drizzle/0044), traitée par un agent.
 */
export const residentRequests = tenantTable(
  'resident_requests',
  {
    personId: uuid('person_id').notNull(),
    /** correction, effacement */
    kind: text('kind').notNull(),
    message: text('message'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: uuid('answered_by').references(() => users.id),
    answer: text('answer'),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    index('resident_requests_person_idx').on(t.structureId, t.personId),
    index('resident_requests_open_idx')
      .on(t.structureId, t.dueAt)
      .where(sql`answered_at is null`),
  ],
);

/**
 * « Faire le point seul » : la personne répond elle-même à la grille du diagnostic, dans sa version FALC, depuis son
 * espace. Gardé pour que le médiateur le reprenne à la visite suivante : jamais un diagnostic (ni dans la progression
 * ni dans le pilotage). Écrit sous le rôle relais_resident (INSERT et lecture de ses seules lignes, drizzle/0047) ;
 * le médiateur le marque « vu » (`reviewed_at`, `reviewed_by`).
 */
export const selfAssessments = tenantTable(
  'self_assessments',
  {
    personId: uuid('person_id').notNull(),
    answers: jsonb('answers').notNull(),
    overallScore: integer('overall_score').notNull(),
    /** La langue dans laquelle la personne a répondu. */
    language: text('language').notNull(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    index('self_assessments_person_idx').on(t.structureId, t.personId, t.createdAt),
  ],
);

/**
 * Une identité FranceConnect rattachée à l'espace d'une personne. À la première connexion, l'identité qui ressemble à
 * une seule fiche (prénom, nom, année de naissance) attend la confirmation du médiateur (`confirmed_at`) ; ensuite,
 * FranceConnect suffit. Seule l'empreinte (HMAC, clé racine) de l'identifiant FranceConnect est gardée ; l'identité
 * montrée au médiateur (`claimed`) est effacée à la confirmation.
 */
export const residentIdentities = tenantTable(
  'resident_identities',
  {
    spaceId: uuid('space_id').notNull(),
    personId: uuid('person_id').notNull(),
    provider: text('provider').notNull(),
    subjectHash: text('subject_hash').notNull(),
    claimed: text('claimed'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.structureId, t.spaceId], foreignColumns: [residentSpaces.structureId, residentSpaces.id] }),
    foreignKey({ columns: [t.structureId, t.personId], foreignColumns: [persons.structureId, persons.id] }),
    uniqueIndex('resident_identities_subject_idx').on(t.provider, t.subjectHash, t.spaceId),
    index('resident_identities_person_idx').on(t.structureId, t.personId),
  ],
);
