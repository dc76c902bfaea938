// Vocabulaires du schéma national des lieux de médiation numérique (v1.0.2), lus dans la bibliothèque
// officielle @gouvfr-anct/lieux-de-mediation-numerique : les valeurs restent verbatim, jamais recopiées.
import {
  DispositifProgrammeNational,
  FormationLabel,
  Frais,
  Itinerance,
  ModaliteAcces,
  ModaliteAccompagnement,
  PriseEnChargeSpecifique,
  PublicSpecifiquementAdresse,
  Service,
} from '@gouvfr-anct/lieux-de-mediation-numerique';

const values = (vocabulary: Record<string, string>) => Object.values(vocabulary);

export const SERVICES = values(Service);
export const PUBLICS = values(PublicSpecifiquementAdresse);
export const SPECIFIC_SUPPORT = values(PriseEnChargeSpecifique);
export const FEES = values(Frais);
export const ITINERANCE = values(Itinerance);
/** « Ce lieu n'accueille pas de public » se déduit de l'absence de services : il ne se choisit pas. */
export const ACCESS_MODES = values(ModaliteAcces).filter((v) => v !== ModaliteAcces.PasDePublic);
export const SUPPORT_MODES = values(ModaliteAccompagnement);
export const NATIONAL_PROGRAMMES = values(DispositifProgrammeNational);
export const TRAINING_LABELS = values(FormationLabel);

export const AIDE_AUX_DEMARCHES = Service.AideAuxDemarchesAdministratives as string;

/** Les listes à valeurs multiples d'un lieu, avec leur colonne du format national et leur libellé. */
export const MULTI_VALUE_FIELDS = {
  services: { column: 'services', label: 'Services', options: SERVICES },
  publics: { column: 'publics_specifiquement_adresses', label: 'Publics spécifiquement adressés', options: PUBLICS },
  specificSupport: { column: 'prise_en_charge_specifique', label: 'Prises en charge spécifiques', options: SPECIFIC_SUPPORT },
  fees: { column: 'frais_a_charge', label: 'Frais à charge', options: FEES },
  itinerance: { column: 'itinerance', label: 'Itinérance', options: ITINERANCE },
  accessModes: { column: 'modalites_acces', label: "Modalités d'accès", options: ACCESS_MODES },
  supportModes: { column: 'modalites_accompagnement', label: "Modalités d'accompagnement", options: SUPPORT_MODES },
  nationalProgrammes: {
    column: 'dispositif_programmes_nationaux',
    label: 'Dispositifs et programmes nationaux',
    options: NATIONAL_PROGRAMMES,
  },
  trainingLabels: { column: 'formations_labels', label: 'Formations et labels', options: TRAINING_LABELS },
} as const;
export type MultiValueField = keyof typeof MULTI_VALUE_FIELDS;
