// Registre de classification des colonnes (RGPD) : chaque colonne de chaque table y figure, avec sa
// nature, sa durée de conservation et sa règle d'anonymisation. classification.test.ts lit le
// catalogue PostgreSQL et échoue sur toute colonne absente d'ici : une nouvelle colonne se classe
// le jour où elle est créée. Les fonctions de purge, d'export et d'effacement liront ce registre.

export type DataKind = 'non_personnelle' | 'personnelle' | 'sensible';

/** Ce que devient la valeur à l'échéance ou sur demande d'effacement. */
export type Anonymisation =
  | 'conserver' // non personnelle, ou nécessaire au fonctionnement
  | 'effacer' // remise à NULL
  | 'pseudonymiser' // remplacée par une valeur sans lien avec la personne
  | 'supprimer_ligne'; // la ligne entière disparaît

export interface ColumnClass {
  kind: DataKind;
  /** Durée de conservation en clair, lisible par un DPO. */
  retention: string;
  anonymisation: Anonymisation;
}

const technical: ColumnClass = { kind: 'non_personnelle', retention: 'durée de vie de la ligne', anonymisation: 'conserver' };
const account = (anonymisation: Anonymisation): ColumnClass => ({
  kind: 'personnelle',
  retention: "durée du compte, puis 1 an après la fin de toute adhésion",
  anonymisation,
});
const secret = (retention: string): ColumnClass => ({ kind: 'sensible', retention, anonymisation: 'effacer' });

/** Fiche d'une personne accompagnée : conservée tant que dure l'accompagnement (consentement), puis 2 ans. */
const person = (anonymisation: Anonymisation): ColumnClass => ({
  kind: 'personnelle',
  retention: "2 ans après la dernière sollicitation, sauf consentement renouvelé",
  anonymisation,
});
const activity = (anonymisation: Anonymisation): ColumnClass => ({
  kind: 'personnelle',
  retention: '2 ans en clair, puis anonymisée pour les statistiques',
  anonymisation,
});
/** Donnée publique d'un lieu (adresse, téléphone d'accueil…) : publiée au format national. */
const place: ColumnClass = { kind: 'non_personnelle', retention: "durée de vie du lieu dans l'annuaire", anonymisation: 'conserver' };
/** Texte libre sur la situation d'une personne : peut révéler des données sensibles (santé, titre de séjour…). */
const freeText = (retention: string): ColumnClass => ({ kind: 'sensible', retention, anonymisation: 'effacer' });

export const COLUMN_CLASSIFICATION: Record<string, Record<string, ColumnClass>> = {
  structures: {
    id: technical,
    slug: technical,
    name: technical,
    typology: technical,
    street: technical,
    postal_code: technical,
    city: technical,
    latitude: technical,
    longitude: technical,
    weekly_load_alert_minutes: technical,
    open_data_published: technical,
    created_at: technical,
  },
  users: {
    id: technical,
    email: account('pseudonymiser'),
    display_name: account('pseudonymiser'),
    password_hash: secret('durée du compte'),
    totp_secret: secret('durée du compte'),
    totp_enabled_at: account('effacer'),
    totp_last_step: account('effacer'),
    reset_token_hash: secret('1 heure (72 heures pour une invitation)'),
    reset_expires_at: account('effacer'),
    is_demo: technical,
    created_at: technical,
  },
  memberships: {
    structure_id: technical,
    user_id: technical,
    role: account('conserver'),
    disabled_at: account('conserver'),
    created_at: technical,
  },
  sign_in_throttles: {
    email_hash: { kind: 'personnelle', retention: '15 minutes après le dernier échec', anonymisation: 'supprimer_ligne' },
    failures: technical,
    locked_until: technical,
    updated_at: technical,
  },
  sessions: {
    id: secret('12 heures au plus (expiration absolue)'),
    user_id: { kind: 'personnelle', retention: '12 heures au plus', anonymisation: 'supprimer_ligne' },
    active_structure_id: technical,
    second_factor_at: technical,
    created_at: technical,
    last_seen_at: technical,
    expires_at: technical,
  },
  audit_events: {
    structure_id: technical,
    id: technical,
    actor_user_id: { kind: 'personnelle', retention: '1 an (traçabilité des accès, recommandation CNIL)', anonymisation: 'effacer' },
    action: technical,
    target_type: technical,
    target_id: { kind: 'personnelle', retention: '1 an', anonymisation: 'effacer' },
    details: { kind: 'personnelle', retention: '1 an', anonymisation: 'effacer' },
    occurred_at: technical,
  },
  persons: {
    structure_id: technical,
    id: technical,
    first_name: person('pseudonymiser'),
    last_name: person('effacer'),
    search_name: person('effacer'),
    birth_year: person('conserver'),
    postal_code: person('conserver'),
    commune_insee: person('conserver'),
    commune_name: person('conserver'),
    phone: person('effacer'),
    email: person('effacer'),
    preferred_contact: person('effacer'),
    languages: person('effacer'),
    has_email: person('conserver'),
    accounts: person('conserver'),
    consent_at: person('conserver'),
    consent_by: person('conserver'),
    created_at: technical,
    created_by: activity('conserver'),
  },
  solicitations: {
    structure_id: technical,
    id: technical,
    person_id: activity('effacer'),
    mediator_id: activity('conserver'),
    occurred_at: technical,
    channel: technical,
    level: technical,
    mode: technical,
    organisations: technical,
    procedure: freeText('2 ans'),
    theme: technical,
    equipment: technical,
    autonomy: technical,
    duration_minutes: technical,
    outcome: technical,
    blocked_cause: technical,
    redirection: technical,
    next_step: freeText('2 ans'),
    next_step_date: activity('conserver'),
    notes: freeText('2 ans'),
    anonymous_gender: technical,
    anonymous_age_band: technical,
    anonymous_commune: technical,
    queue_entry_id: technical,
    created_at: technical,
  },
  queue_entries: {
    structure_id: technical,
    id: technical,
    person_id: activity('effacer'),
    display_name: { kind: 'personnelle', retention: "jour de l'arrivée, puis 2 ans", anonymisation: 'pseudonymiser' },
    reason: freeText('2 ans'),
    organisation: technical,
    urgent: technical,
    arrived_at: technical,
    taken_at: technical,
    taken_by: activity('conserver'),
    left_at: technical,
    created_by: activity('conserver'),
  },
  local_organisations: {
    structure_id: technical,
    code: technical,
    label: technical,
    theme: technical,
    active: technical,
    created_at: technical,
    created_by: activity('conserver'),
  },
  mandates: {
    structure_id: technical,
    id: technical,
    person_id: activity('effacer'),
    mediator_id: activity('conserver'),
    areas: technical,
    duration: technical,
    consent_items: technical,
    no_protection_measure: technical,
    created_at: technical,
    signature_method: technical,
    signed_at: technical,
    signer_name: { kind: 'personnelle', retention: '5 ans après la fin du mandat (preuve)', anonymisation: 'effacer' },
    signature_trace: { kind: 'personnelle', retention: '5 ans après la fin du mandat (preuve)', anonymisation: 'effacer' },
    paper_signed_on: technical,
    expires_at: technical,
    revoked_at: technical,
    revoked_by: activity('conserver'),
    revocation_reason: freeText('5 ans après la fin du mandat'),
    renewal_of: technical,
  },
  mandate_acts: {
    structure_id: technical,
    seq: technical,
    mandate_id: technical,
    person_id: activity('effacer'),
    solicitation_id: technical,
    area: technical,
    procedure: freeText('5 ans après la fin du mandat'),
    online_service: technical,
    what_done: freeText('5 ans après la fin du mandat'),
    occurred_at: technical,
    recorded_at: technical,
    actor_id: activity('conserver'),
    prev_hash: technical,
    hash: technical,
  },
  mandate_journal_heads: {
    structure_id: technical,
    seq: technical,
    hash: technical,
  },
  annual_reports: {
    structure_id: technical,
    year: technical,
    text: { kind: 'non_personnelle', retention: 'durée de vie de la structure', anonymisation: 'conserver' },
    updated_at: technical,
    updated_by: activity('conserver'),
  },
  /** Les lieux sont des informations publiques sur des structures (schéma national ouvert), pas sur des personnes. */
  places: {
    structure_id: place,
    id: place,
    national_id: place,
    pivot: place,
    name: place,
    search_text: place,
    street: place,
    city: place,
    postal_code: place,
    insee_code: place,
    address_complement: place,
    latitude: place,
    longitude: place,
    typologies: place,
    phone: place,
    emails: place,
    websites: place,
    opening_hours: place,
    summary: place,
    description: place,
    source: place,
    parent_structure: place,
    updated_on: place,
    services: place,
    publics: place,
    specific_support: place,
    fees: place,
    itinerance: place,
    access_modes: place,
    support_modes: place,
    accessibility_url: place,
    booking_url: place,
    national_programmes: place,
    training_labels: place,
    other_labels: place,
    organisations: place,
    themes: place,
    active: place,
    created_at: place,
    updated_at: place,
    updated_by: activity('conserver'),
  },
  private_notes: {
    structure_id: technical,
    id: technical,
    person_id: activity('supprimer_ligne'),
    author_id: activity('supprimer_ligne'),
    body: freeText("durée de l'accompagnement, 2 ans au plus"),
    created_at: technical,
  },
};
