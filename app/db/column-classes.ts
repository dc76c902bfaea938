// Les classes de données (RGPD) dont se sert chaque capacité pour classer ses colonnes, dans le classification.ts
// de son dossier, à côté de son schéma. Le registre complet est assemblé dans app/db/classification.ts.

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

export const technical: ColumnClass = { kind: 'non_personnelle', retention: 'durée de vie de la ligne', anonymisation: 'conserver' };
export const account = (anonymisation: Anonymisation): ColumnClass => ({
  kind: 'personnelle',
  retention: 'durée du compte, puis 1 an après la fin de toute adhésion',
  anonymisation,
});
export const secret = (retention: string): ColumnClass => ({ kind: 'sensible', retention, anonymisation: 'effacer' });

/** Fiche d'une personne accompagnée : conservée tant que dure l'accompagnement (consentement), puis 2 ans. */
export const person = (anonymisation: Anonymisation): ColumnClass => ({
  kind: 'personnelle',
  retention: '2 ans après la dernière sollicitation, sauf consentement renouvelé',
  anonymisation,
});
export const outgoing: ColumnClass = {
  kind: 'personnelle',
  retention: '30 jours après l’envoi (ou l’échec définitif)',
  anonymisation: 'supprimer_ligne',
};
export const activity = (anonymisation: Anonymisation): ColumnClass => ({
  kind: 'personnelle',
  retention: '2 ans en clair, puis anonymisée pour les statistiques',
  anonymisation,
});
/** Donnée publique d'un lieu (adresse, téléphone d'accueil…) : publiée au format national. */
export const place: ColumnClass = {
  kind: 'non_personnelle',
  retention: "durée de vie du lieu dans l'annuaire",
  anonymisation: 'conserver',
};
/** Texte libre sur la situation d'une personne : peut révéler des données sensibles (santé, titre de séjour…). */
export const freeText = (retention: string): ColumnClass => ({ kind: 'sensible', retention, anonymisation: 'effacer' });

/** Les réponses d'un diagnostic : difficultés de lecture, de langue, peur du numérique. */
export const diagnosis = (anonymisation: Anonymisation): ColumnClass => ({
  kind: 'sensible',
  retention: "durée de l'accompagnement, 2 ans au plus",
  anonymisation,
});

/** Les colonnes de quelques tables : nom de table → nom de colonne → classe. */
export type TableClassification = Record<string, Record<string, ColumnClass>>;
