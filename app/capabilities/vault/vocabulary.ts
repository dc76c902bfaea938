// Les types de papiers du coffre-fort (issue 21), quand prévenir avant leur fin de validité, et que faire alors.

export const DOCUMENT_KINDS = {
  piece_identite: {
    label: "Pièce d'identité",
    remindMonthsBefore: [1],
    renew: 'Prenez rendez-vous en mairie pour la refaire.',
  },
  titre_sejour: {
    label: 'Titre de séjour',
    remindMonthsBefore: [3, 1],
    renew: 'Faites la demande de renouvellement sur le site de l’ANEF (administration numérique pour les étrangers).',
  },
  recepisse: { label: 'Récépissé', remindMonthsBefore: [1], renew: 'Contactez la préfecture avant la fin du récépissé.' },
  avis_imposition: { label: "Avis d'imposition", remindMonthsBefore: [], renew: null },
  attestation_caf: {
    label: 'Attestation CAF',
    remindMonthsBefore: [1],
    renew: 'Téléchargez la nouvelle attestation sur caf.fr, dans « Mon Compte ».',
  },
  attestation_cpam: {
    label: 'Attestation CPAM / carte Vitale',
    remindMonthsBefore: [1],
    renew: 'Téléchargez la nouvelle attestation sur ameli.fr, dans votre compte.',
  },
  rib: { label: 'RIB', remindMonthsBefore: [], renew: null },
  justificatif_domicile: { label: 'Justificatif de domicile', remindMonthsBefore: [], renew: null },
  fiche_paie: { label: 'Fiche de paie', remindMonthsBefore: [], renew: null },
  livret_famille: { label: 'Livret de famille', remindMonthsBefore: [], renew: null },
  mesure_protection: {
    label: 'Jugement / mesure de protection',
    remindMonthsBefore: [1],
    renew: 'Parlez-en à la personne qui exerce la mesure, ou au tribunal.',
  },
  courrier_organisme: { label: "Courrier d'un organisme", remindMonthsBefore: [], renew: null },
  mandat: { label: 'Mandat', remindMonthsBefore: [], renew: null },
  autre: { label: 'Autre', remindMonthsBefore: [], renew: null },
} as const satisfies Record<string, { label: string; remindMonthsBefore: readonly number[]; renew: string | null }>;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;
export const isDocumentKind = (value: unknown): value is DocumentKind => typeof value === 'string' && Object.hasOwn(DOCUMENT_KINDS, value);

/** La taille la plus grande d'un fichier envoyé, dite sur la page. */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
/** Les formats acceptés, reconnus à leur contenu (jamais à leur nom). */
export const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/heif'] as const;
