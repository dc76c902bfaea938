// Les types de papiers du coffre-fort (issue 21) et quand prévenir avant leur fin de validité.

export const DOCUMENT_KINDS = {
  piece_identite: { label: "Pièce d'identité", remindMonthsBefore: [1] },
  titre_sejour: { label: 'Titre de séjour', remindMonthsBefore: [3, 1] },
  recepisse: { label: 'Récépissé', remindMonthsBefore: [1] },
  avis_imposition: { label: "Avis d'imposition", remindMonthsBefore: [] },
  attestation_caf: { label: 'Attestation CAF', remindMonthsBefore: [1] },
  attestation_cpam: { label: 'Attestation CPAM / carte Vitale', remindMonthsBefore: [1] },
  rib: { label: 'RIB', remindMonthsBefore: [] },
  justificatif_domicile: { label: 'Justificatif de domicile', remindMonthsBefore: [] },
  fiche_paie: { label: 'Fiche de paie', remindMonthsBefore: [] },
  livret_famille: { label: 'Livret de famille', remindMonthsBefore: [] },
  mesure_protection: { label: 'Jugement / mesure de protection', remindMonthsBefore: [1] },
  courrier_organisme: { label: "Courrier d'un organisme", remindMonthsBefore: [] },
  mandat: { label: 'Mandat', remindMonthsBefore: [] },
  autre: { label: 'Autre', remindMonthsBefore: [] },
} as const satisfies Record<string, { label: string; remindMonthsBefore: readonly number[] }>;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;
export const isDocumentKind = (value: unknown): value is DocumentKind => typeof value === 'string' && Object.hasOwn(DOCUMENT_KINDS, value);

/** La taille la plus grande d'un fichier envoyé, dite sur la page. */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
/** Les formats acceptés, reconnus à leur contenu (jamais à leur nom). */
export const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/heif'] as const;
