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

export const COLUMN_CLASSIFICATION: Record<string, Record<string, ColumnClass>> = {
  structures: {
    id: technical,
    slug: technical,
    name: technical,
    typology: technical,
    street: technical,
    postal_code: technical,
    city: technical,
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
};
