// Les tables de cette capacité (Drizzle). Chaque table d'une structure a `structure_id` en tête de clé primaire ;
// ses politiques RLS sont dans les migrations SQL (drizzle/), ses colonnes classées dans app/db/classification.ts.
import { boolean, date, doublePrecision, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, textList } from '../../db/columns';
import { structures, users } from '../../platform/schema';
import { tenantTable } from '../../db/tenant-table';

/**
 * Un lieu de l'annuaire d'une structure, au schéma national des lieux de médiation numérique (v1.0.2) :
 * les colonnes du format national, listes rangées en tableaux de valeurs verbatim, plus ce que Relais y
 * ajoute pour orienter (organismes dont le lieu fait les démarches, thématiques de la Coop).
 */
export const places = tenantTable('places', {
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
});
