// Un lieu au format du schéma national des lieux de médiation numérique (v1.0.2) : lu champ par champ
// avec les modèles de la bibliothèque officielle (chaque erreur rattachée à sa colonne, en français),
// puis relu en entier par fromSchemaLieuDeMediationNumerique ; écrit par toSchemaLieuMediationNumerique.
// Fonctions pures : l'import, l'export et le formulaire de saisie passent tous par ici.
import {
  Adresse,
  Courriel,
  DispositifProgrammesNationaux,
  FormationsLabels,
  FraisACharge,
  fromSchemaLieuDeMediationNumerique,
  Id,
  Itinerances,
  Localisation,
  ModalitesAcces,
  ModalitesAccompagnement,
  ModelError,
  Nom,
  Pivot,
  PrisesEnChargeSpecifiques,
  PublicsSpecifiquementAdresses,
  Services,
  toSchemaLieuMediationNumerique,
  Typologies,
  Url,
  Contact,
  type LieuMediationNumerique,
  type SchemaLieuMediationNumerique,
} from '@gouvfr-anct/lieux-de-mediation-numerique';
import { luhn } from '../../platform/credentials';
import { checkOpeningHours } from './opening-hours';
import {
  ACCESS_MODES,
  FEES,
  ITINERANCE,
  NATIONAL_PROGRAMMES,
  PUBLICS,
  SPECIFIC_SUPPORT,
  SUPPORT_MODES,
  TRAINING_LABELS,
} from './vocabulary';

/** Les colonnes du format national, dans l'ordre du schéma. */
export const NATIONAL_COLUMNS = [
  'id',
  'pivot',
  'nom',
  'adresse',
  'commune',
  'code_postal',
  'code_insee',
  'complement_adresse',
  'latitude',
  'longitude',
  'typologie',
  'telephone',
  'courriels',
  'site_web',
  'horaires',
  'presentation_resume',
  'presentation_detail',
  'source',
  'structure_parente',
  'date_maj',
  'services',
  'publics_specifiquement_adresses',
  'prise_en_charge_specifique',
  'frais_a_charge',
  'itinerance',
  'modalites_acces',
  'modalites_accompagnement',
  'fiche_acces_libre',
  'prise_rdv',
  'dispositif_programmes_nationaux',
  'formations_labels',
  'autres_formations_labels',
] as const satisfies ReadonlyArray<keyof SchemaLieuMediationNumerique>;
export type NationalColumn = (typeof NATIONAL_COLUMNS)[number];

/** Obligatoires dans le schéma v1.0.2. */
export const REQUIRED_COLUMNS: readonly NationalColumn[] = [
  'id',
  'pivot',
  'nom',
  'adresse',
  'commune',
  'code_postal',
  'services',
  'date_maj',
];

export const COLUMN_LABELS: Record<NationalColumn, string> = {
  id: 'Identifiant',
  pivot: 'SIRET ou RNA (pivot)',
  nom: 'Nom',
  adresse: 'Adresse',
  commune: 'Commune',
  code_postal: 'Code postal',
  code_insee: 'Code INSEE',
  complement_adresse: "Complément d'adresse",
  latitude: 'Latitude',
  longitude: 'Longitude',
  typologie: 'Typologie',
  telephone: 'Téléphone',
  courriels: 'Courriels',
  site_web: 'Site web',
  horaires: 'Horaires',
  presentation_resume: 'Présentation (résumé)',
  presentation_detail: 'Présentation (détail)',
  source: 'Source',
  structure_parente: 'Structure parente',
  date_maj: 'Date de mise à jour',
  services: 'Services',
  publics_specifiquement_adresses: 'Publics spécifiquement adressés',
  prise_en_charge_specifique: 'Prises en charge spécifiques',
  frais_a_charge: 'Frais à charge',
  itinerance: 'Itinérance',
  modalites_acces: "Modalités d'accès",
  modalites_accompagnement: "Modalités d'accompagnement",
  fiche_acces_libre: "Fiche d'accessibilité (Acceslibre)",
  prise_rdv: 'Prise de rendez-vous en ligne',
  dispositif_programmes_nationaux: 'Dispositifs et programmes nationaux',
  formations_labels: 'Formations et labels',
  autres_formations_labels: 'Autres formations et labels',
};

/** Un lieu tel que Relais le range : les champs du schéma national, listes déjà découpées. */
export interface NationalPlace {
  nationalId: string;
  pivot: string;
  name: string;
  street: string;
  city: string;
  postalCode: string;
  inseeCode: string | null;
  addressComplement: string | null;
  latitude: number | null;
  longitude: number | null;
  typologies: string[];
  phone: string | null;
  emails: string[];
  websites: string[];
  openingHours: string | null;
  summary: string | null;
  description: string | null;
  source: string | null;
  parentStructure: string | null;
  updatedOn: string;
  services: string[];
  publics: string[];
  specificSupport: string[];
  fees: string[];
  itinerance: string[];
  accessModes: string[];
  supportModes: string[];
  accessibilityUrl: string | null;
  bookingUrl: string | null;
  nationalProgrammes: string[];
  trainingLabels: string[];
  otherLabels: string[];
}

export interface FieldIssue {
  field: NationalColumn;
  message: string;
}

export interface RecordContext {
  /** Communes officielles d'un code postal (découpage administratif) ; vide : code inconnu. */
  communesFor: (postalCode: string) => Array<{ code: string; nom: string }>;
  /** La commune de ce nom dans le département d'un code postal (un code CEDEX ne désigne aucune commune). */
  communeInDepartmentOf?: (postalCode: string, name: string) => { code: string; nom: string } | null;
}

export type RecordReading =
  { ok: true; place: NationalPlace; warnings: FieldIssue[] } | { ok: false; errors: FieldIssue[]; warnings: FieldIssue[] };

type RawRecord = Partial<Record<string, unknown>>;

const text = (value: unknown) => {
  if (value === undefined || value === null) return undefined;
  const trimmed = String(value).trim();
  return trimmed === '' ? undefined : trimmed;
};
const list = (value: string | undefined) =>
  value
    ? value
        .split('|')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];

/** Les messages de Relais pour les erreurs de la bibliothèque, avec la valeur reçue. */
const FRIENDLY: Partial<Record<NationalColumn, (value: string, rejected: string) => string>> = {
  id: () => "L'identifiant du lieu est obligatoire.",
  nom: () => 'Le nom du lieu est obligatoire.',
  pivot: (v) =>
    `« ${v} » n'est ni un SIRET (14 chiffres) ni un numéro RNA (W suivi de 9 caractères). Sans SIRET connu, indiquez 00000000000000.`,
  adresse: (v) => (v ? `L'adresse « ${v} » contient des caractères non admis.` : "L'adresse (numéro et voie) est obligatoire."),
  code_postal: (v) => `Le code postal doit compter 5 chiffres (reçu « ${v} »).`,
  code_insee: (v) => `Le code INSEE « ${v} » n'est pas valide (5 caractères, ex. 37261 ou 2A004).`,
  commune: (v) => (v ? `Le nom de commune « ${v} » contient des caractères non admis.` : 'La commune est obligatoire.'),
  telephone: (v) => `Le téléphone « ${v} » n'est pas un numéro français valide (ex. 02 47 00 00 00 ou +33 2 47 00 00 00).`,
  typologie: (_v, rejected) =>
    `Typologie inconnue du schéma national : « ${rejected} » (ex. CCAS, BIB, EPN, RFS, CS ; plusieurs séparées par |).`,
  services: (_v, rejected) => `Service inconnu du schéma national : « ${rejected} ».`,
};

/** La valeur refusée, citée entre apostrophes dans le message de la bibliothèque. */
const rejectedValue = (error: ModelError<unknown>) => /'(.*)' n'est pas/.exec(error.message)?.[1] ?? '';

function issueFor(field: NationalColumn, error: unknown, value: string): FieldIssue {
  if (error instanceof ModelError) {
    const friendly = FRIENDLY[field];
    return { field, message: friendly ? friendly(value, rejectedValue(error)) : `${COLUMN_LABELS[field]} : ${error.message}.` };
  }
  throw error;
}

/** Chaque liste d'un vocabulaire national, contrôlée par le modèle de la bibliothèque. */
const VOCABULARY_CHECKS: Array<[NationalColumn, (values: never[]) => unknown, readonly string[]]> = [
  ['publics_specifiquement_adresses', PublicsSpecifiquementAdresses, PUBLICS],
  ['prise_en_charge_specifique', PrisesEnChargeSpecifiques, SPECIFIC_SUPPORT],
  ['frais_a_charge', FraisACharge, FEES],
  ['itinerance', Itinerances, ITINERANCE],
  ['modalites_acces', ModalitesAcces, ACCESS_MODES],
  ['modalites_accompagnement', ModalitesAccompagnement, SUPPORT_MODES],
  ['dispositif_programmes_nationaux', DispositifProgrammesNationaux, NATIONAL_PROGRAMMES],
  ['formations_labels', FormationsLabels, TRAINING_LABELS],
];

/** Une valeur d'une liste nationale refusée : la bibliothèque dit laquelle, Relais rappelle les valeurs admises. */
const vocabularyMessage = (field: NationalColumn, error: unknown, admitted: readonly string[]) =>
  error instanceof ModelError
    ? `${COLUMN_LABELS[field]} : « ${rejectedValue(error)} » n'est pas une valeur du schéma national (valeurs admises : ${admitted.join(', ')} ; plusieurs se séparent par |).`
    : null;

/** SIRET : 14 chiffres et clé de Luhn (La Poste, SIREN 356000000, a sa propre règle). 00000000000000 : inconnu. */
export function isValidSiret(siret: string) {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith('356000000')) return [...siret].reduce((sum, d) => sum + Number(d), 0) % 5 === 0;
  return luhn(siret);
}

function parseCoordinate(field: 'latitude' | 'longitude', value: string | undefined, errors: FieldIssue[]) {
  if (value === undefined) return null;
  if (/^-?\d+,\d+$/.test(value)) {
    errors.push({ field, message: `${COLUMN_LABELS[field]} : utilisez un point comme séparateur décimal (${value.replace(',', '.')}).` });
    return null;
  }
  const number = Number(value);
  if (!/^-?\d+(\.\d+)?$/.test(value) || !Number.isFinite(number)) {
    errors.push({ field, message: `${COLUMN_LABELS[field]} : « ${value} » n'est pas un nombre (ex. 47.3941).` });
    return null;
  }
  return number;
}

function parseDate(value: string | undefined, errors: FieldIssue[]) {
  const day = value?.slice(0, 10);
  const date = day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`) : null;
  if (!day || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) {
    errors.push({
      field: 'date_maj',
      message: value
        ? `La date de mise à jour « ${value} » doit s'écrire AAAA-MM-JJ (ex. 2026-11-30).`
        : 'La date de mise à jour est obligatoire (AAAA-MM-JJ).',
    });
    return null;
  }
  return day;
}

/** Lit un enregistrement du format national ; toutes les erreurs de la ligne sont rapportées, pas seulement la première. */
export function readNationalRecord(raw: RawRecord, context: RecordContext): RecordReading {
  const errors: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  const value = (field: NationalColumn) => text(raw[field]);
  const attempt = (field: NationalColumn, check: () => unknown) => {
    try {
      check();
    } catch (error) {
      errors.push(issueFor(field, error, value(field) ?? ''));
    }
  };

  attempt('id', () => Id(value('id') as string));
  attempt('nom', () => Nom(value('nom') as string));
  const pivot = value('pivot')?.replace(/\s/g, '');
  if (!pivot)
    errors.push({ field: 'pivot', message: 'Le SIRET ou RNA (pivot) est obligatoire ; sans SIRET connu, indiquez 00000000000000.' });
  else attempt('pivot', () => Pivot(pivot));
  if (pivot && /^\d{14}$/.test(pivot) && !isValidSiret(pivot))
    errors.push({ field: 'pivot', message: `Le SIRET ${pivot} n'existe pas : sa clé de contrôle est fausse. Vérifiez les 14 chiffres.` });

  // « 37911 CEDEX 9 » : le schéma veut 5 chiffres ; le code CEDEX est gardé, la mention retirée.
  const postal = cedexFree(value('code_postal'));
  if (postal.cedex)
    warnings.push({
      field: 'code_postal',
      message: `« ${value('code_postal')} » rangé comme ${postal.code} : la mention CEDEX est retirée.`,
    });
  const address = {
    voie: value('adresse') ?? '',
    code_postal: postal.code,
    commune: value('commune') ?? '',
    code_insee: value('code_insee'),
  };
  for (const [field, check] of [
    ['adresse', () => Adresse({ ...address, code_postal: '00000', commune: 'A', code_insee: undefined })],
    ['code_postal', () => Adresse({ ...address, voie: 'x', commune: 'A', code_insee: undefined })],
    ['commune', () => Adresse({ ...address, voie: 'x', code_postal: '00000', code_insee: undefined })],
    ['code_insee', () => address.code_insee && Adresse({ voie: 'x', code_postal: '00000', commune: 'A', code_insee: address.code_insee })],
  ] as const)
    attempt(field, check);
  let inseeCode = address.code_insee ?? null;
  if (/^\d{5}$/.test(address.code_postal)) {
    const communes = context.communesFor(address.code_postal);
    const cedex = communes.length === 0 ? (context.communeInDepartmentOf?.(address.code_postal, address.commune) ?? null) : null;
    if (cedex) {
      inseeCode ??= cedex.code;
      warnings.push({
        field: 'code_postal',
        message: `Le code postal ${address.code_postal} ne désigne aucune commune (sans doute un code CEDEX) : ${cedex.nom} retenue d'après son nom.`,
      });
    } else if (communes.length === 0)
      errors.push({ field: 'code_postal', message: `Le code postal ${address.code_postal} n'existe pas. Vérifiez les 5 chiffres.` });
    else if (inseeCode && !communes.some((c) => c.code === inseeCode))
      warnings.push({
        field: 'code_insee',
        message: `Le code INSEE ${inseeCode} ne correspond à aucune commune du ${address.code_postal}.`,
      });
    else if (!inseeCode && communes.length === 1 && sameName(communes[0]!.nom, address.commune)) inseeCode = communes[0]!.code;
    else if (!communes.some((c) => sameName(c.nom, address.commune)))
      warnings.push({
        field: 'commune',
        message: `« ${address.commune} » n'est pas une commune du ${address.code_postal} (${communes.map((c) => c.nom).join(', ')}).`,
      });
  }

  const latitude = parseCoordinate('latitude', value('latitude'), errors);
  const longitude = parseCoordinate('longitude', value('longitude'), errors);
  if ((latitude === null) !== (longitude === null) && !errors.some((e) => e.field === 'latitude' || e.field === 'longitude'))
    errors.push({
      field: latitude === null ? 'latitude' : 'longitude',
      message: 'Latitude et longitude vont ensemble : indiquez les deux, ou aucune.',
    });
  if (latitude !== null && longitude !== null) {
    try {
      Localisation({ latitude, longitude });
    } catch (error) {
      const field = error instanceof ModelError && error.key === 'longitude' ? 'longitude' : 'latitude';
      errors.push({
        field,
        message:
          field === 'latitude'
            ? `La latitude ${latitude} doit être comprise entre -90 et 90.`
            : `La longitude ${longitude} doit être comprise entre -180 et 180.`,
      });
    }
  }

  const typologies = list(value('typologie'));
  if (typologies.length) attempt('typologie', () => Typologies(typologies as never[]));
  const phone = value('telephone') ?? null;
  if (phone) attempt('telephone', () => Contact({ telephone: phone }));
  const emails = list(value('courriels'));
  for (const email of emails) {
    try {
      Courriel(email);
    } catch {
      // Une adresse internationalisée (lettres accentuées) : le format national l'accepte, certains logiciels non.
      if (INTERNATIONAL_EMAIL.test(email))
        warnings.push({
          field: 'courriels',
          message: `Le courriel « ${email} » contient des lettres accentuées : certains logiciels de courriel ne l'acceptent pas.`,
        });
      else errors.push({ field: 'courriels', message: `Le courriel « ${email} » n'est pas une adresse valide.` });
    }
  }
  const websites: string[] = [];
  for (const url of list(value('site_web'))) {
    if (isUrl(url)) {
      websites.push(url);
      continue;
    }
    // Deux adresses dans une seule cellule (« https://a.fr;https://b.fr ») : rangées comme deux sites.
    const parts = url.split(/[;,\s]+/).filter(Boolean);
    if (parts.length > 1 && parts.every(isUrl)) {
      websites.push(...parts);
      warnings.push({ field: 'site_web', message: `« ${url} » contient ${parts.length} adresses : rangées comme ${parts.length} sites.` });
    } else errors.push({ field: 'site_web', message: `Le site « ${url} » n'est pas une adresse web valide (https://…).` });
  }
  for (const field of ['fiche_acces_libre', 'prise_rdv'] as const) {
    const url = value(field);
    if (url && !isUrl(url))
      errors.push({ field, message: `${COLUMN_LABELS[field]} : « ${url} » n'est pas une adresse web valide (https://…).` });
  }

  let openingHours = value('horaires') ?? null;
  if (openingHours) {
    const check = checkOpeningHours(openingHours);
    if (!check.ok) errors.push({ field: 'horaires', message: check.message });
    else if (check.corrected) {
      warnings.push({
        field: 'horaires',
        message: `Horaires réécrits dans la forme attendue : « ${openingHours} » devient « ${check.value} ».`,
      });
      openingHours = check.value;
    }
  }

  const services = list(value('services'));
  if (services.length === 0)
    errors.push({
      field: 'services',
      message: 'Indiquez au moins un service du schéma national (ex. Aide aux démarches administratives).',
    });
  else attempt('services', () => Services(services as never[]));
  for (const [field, check, admitted] of VOCABULARY_CHECKS) {
    const values = list(value(field));
    if (values.length === 0) continue;
    try {
      check(values as never[]);
    } catch (error) {
      const message = vocabularyMessage(field, error, admitted);
      if (!message) throw error;
      errors.push({ field, message });
    }
  }
  const updatedOn = parseDate(value('date_maj'), errors);

  if (errors.length > 0) return { ok: false, errors, warnings };
  // Relecture complète par la bibliothèque officielle : ce qu'elle accepte est ce que Relais range.
  const record = {
    ...stringRecord(raw),
    ...(openingHours ? { horaires: openingHours } : {}),
    ...(address.code_postal ? { code_postal: address.code_postal } : {}),
    ...(websites.length ? { site_web: websites.join('|') } : {}),
    latitude: latitude ?? undefined,
    longitude: longitude ?? undefined,
    pivot: pivot!,
    date_maj: updatedOn!,
  };
  const lieu = fromSchemaLieuDeMediationNumerique(record as SchemaLieuMediationNumerique);
  return { ok: true, place: fromLieu(lieu, inseeCode, updatedOn!), warnings };
}

const isUrl = (url: string) => {
  try {
    Url(url);
    return true;
  } catch {
    return false;
  }
};

const sameName = (a: string, b: string) => fold(a) === fold(b);
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^saint /, 'st ');

/** Une adresse de forme nom@domaine.tld, lettres accentuées admises (RFC 6531). */
const INTERNATIONAL_EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:".]{2,}$/u;

/** Le code postal sans la mention CEDEX (« 37911 CEDEX 9 » → 37911). */
function cedexFree(value: string | undefined) {
  const match = value?.match(/^(\d{5})\s*cedex(?:\s*\d{1,2})?$/i);
  return match ? { code: match[1]!, cedex: true } : { code: value ?? '', cedex: false };
}

/** Les champs texte de l'enregistrement, vides retirés (la bibliothèque les veut absents). */
function stringRecord(raw: RawRecord) {
  const record: Record<string, string> = {};
  for (const column of NATIONAL_COLUMNS) {
    const value = text(raw[column]);
    if (value !== undefined) record[column] = value;
  }
  return record;
}

function fromLieu(lieu: LieuMediationNumerique, inseeCode: string | null, updatedOn: string): NationalPlace {
  const values = (items?: readonly string[]) => [...(items ?? [])];
  return {
    nationalId: lieu.id,
    pivot: lieu.pivot,
    name: lieu.nom,
    street: lieu.adresse.voie,
    city: lieu.adresse.commune,
    postalCode: lieu.adresse.code_postal,
    inseeCode,
    addressComplement: lieu.adresse.complement_adresse ?? null,
    latitude: lieu.localisation?.latitude ?? null,
    longitude: lieu.localisation?.longitude ?? null,
    typologies: values(lieu.typologies),
    phone: lieu.contact?.telephone ?? null,
    emails: values(lieu.contact?.courriels),
    websites: values(lieu.contact?.site_web),
    openingHours: lieu.horaires ?? null,
    summary: lieu.presentation?.resume ?? null,
    description: lieu.presentation?.detail ?? null,
    source: lieu.source ?? null,
    parentStructure: lieu.structure_parente ?? null,
    updatedOn,
    services: values(lieu.services),
    publics: values(lieu.publics_specifiquement_adresses),
    specificSupport: values(lieu.prise_en_charge_specifique),
    fees: values(lieu.frais_a_charge),
    itinerance: values(lieu.itinerance),
    accessModes: values(lieu.modalites_acces),
    supportModes: values(lieu.modalites_accompagnement),
    accessibilityUrl: lieu.fiche_acces_libre ?? null,
    bookingUrl: lieu.prise_rdv ?? null,
    nationalProgrammes: values(lieu.dispositif_programmes_nationaux),
    trainingLabels: values(lieu.formations_labels),
    otherLabels: values(lieu.autres_formations_labels),
  };
}

/** Le lieu au format national, écrit par la bibliothèque officielle (listes jointes par |). */
export function toNationalRecord(place: NationalPlace): SchemaLieuMediationNumerique {
  const some = <T>(items: T[]) => (items.length ? items : undefined);
  const lieu = {
    id: place.nationalId,
    pivot: place.pivot,
    nom: place.name,
    adresse: {
      voie: place.street,
      code_postal: place.postalCode,
      commune: place.city,
      ...(place.inseeCode ? { code_insee: place.inseeCode } : {}),
      ...(place.addressComplement ? { complement_adresse: place.addressComplement } : {}),
    },
    ...(place.latitude !== null && place.longitude !== null
      ? { localisation: { latitude: place.latitude, longitude: place.longitude } }
      : {}),
    ...(place.phone || place.emails.length || place.websites.length
      ? { contact: { ...(place.phone ? { telephone: place.phone } : {}), courriels: some(place.emails), site_web: some(place.websites) } }
      : {}),
    ...(place.summary || place.description
      ? {
          presentation: {
            ...(place.summary ? { resume: place.summary } : {}),
            ...(place.description ? { detail: place.description } : {}),
          },
        }
      : {}),
    horaires: place.openingHours ?? undefined,
    source: place.source ?? undefined,
    structure_parente: place.parentStructure ?? undefined,
    date_maj: new Date(`${place.updatedOn}T00:00:00Z`),
    typologies: some(place.typologies),
    services: some(place.services),
    publics_specifiquement_adresses: some(place.publics),
    prise_en_charge_specifique: some(place.specificSupport),
    frais_a_charge: some(place.fees),
    itinerance: some(place.itinerance),
    modalites_acces: some(place.accessModes),
    modalites_accompagnement: some(place.supportModes),
    fiche_acces_libre: place.accessibilityUrl ?? undefined,
    prise_rdv: place.bookingUrl ?? undefined,
    dispositif_programmes_nationaux: some(place.nationalProgrammes),
    formations_labels: some(place.trainingLabels),
    autres_formations_labels: some(place.otherLabels),
  };
  const record = toSchemaLieuMediationNumerique(withoutUndefined(lieu) as unknown as LieuMediationNumerique);
  return withoutUndefined(record) as SchemaLieuMediationNumerique;
}

function withoutUndefined<T extends object>(object: T): T {
  return Object.fromEntries(
    Object.entries(object)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? withoutUndefined(v) : v]),
  ) as T;
}
