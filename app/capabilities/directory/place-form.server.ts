// Le formulaire d'un lieu, lu par la même règle que l'import (readNationalRecord) : mêmes messages, mêmes
// contrôles. Des avertissements (commune qui ne correspond pas au code postal, horaires réécrits) se montrent
// une fois ; un second envoi les accepte.
import { communeInDepartmentOf, communesFor } from '../reception/communes.server';
import type { OrganisationCatalog } from '../reception/organisations';
import { readNationalRecord, toNationalRecord, type NationalColumn, type NationalPlace } from './national-format';
import type { PlaceExtras } from './places.server';
import { formToNationalRecord, readRelaisExtras } from './rules';
import { MULTI_VALUE_FIELDS } from './vocabulary';

export const WARNINGS_SEEN = 'avertissements_vus';

export type PlaceFormValues = Record<string, string[]>;

export type PlaceFormReading =
  | { ok: true; place: NationalPlace; extras: PlaceExtras }
  | { ok: false; errors: Partial<Record<NationalColumn | 'partenaire', string>>; warnings: string[]; values: PlaceFormValues };

/** Les valeurs envoyées, une liste par champ (cases à cocher) : pour réafficher le formulaire tel quel. */
export function formEntries(form: FormData): PlaceFormValues {
  const values: PlaceFormValues = {};
  for (const key of new Set(form.keys())) {
    if (key === 'csrf') continue;
    values[key] = form.getAll(key).filter((v): v is string => typeof v === 'string');
  }
  return values;
}

export function readPlaceForm(
  form: FormData,
  fixed: { nationalId: string; updatedOn: string; source: string | null },
  catalog: OrganisationCatalog,
  partnerIds: readonly string[],
): PlaceFormReading {
  const values = formEntries(form);
  const record = {
    ...formToNationalRecord(values),
    id: fixed.nationalId,
    date_maj: fixed.updatedOn,
    ...(fixed.source ? { source: fixed.source } : {}),
  };
  const reading = readNationalRecord(record, { communesFor, communeInDepartmentOf });
  const warnings = reading.warnings.map((w) => w.message);
  if (!reading.ok) {
    const errors: Partial<Record<NationalColumn | 'partenaire', string>> = {};
    for (const error of reading.errors) errors[error.field] ??= error.message;
    return { ok: false, errors, warnings, values };
  }
  if (warnings.length && form.get(WARNINGS_SEEN) !== 'oui') return { ok: false, errors: {}, warnings, values };
  if (values.partenaire?.[0] && !partnerIds.includes(values.partenaire[0]))
    return { ok: false, errors: { partenaire: 'Choisissez une structure de la liste.' }, warnings, values };
  return { ok: true, place: reading.place, extras: readRelaisExtras(values, catalog, partnerIds) };
}

/** Un lieu enregistré, en valeurs du formulaire (les listes découpées, comme des cases cochées). */
export function valuesOfPlace(place: NationalPlace, extras: PlaceExtras): PlaceFormValues {
  const values: PlaceFormValues = {};
  for (const [column, value] of Object.entries(toNationalRecord(place))) {
    if (value === undefined || value === null) continue;
    values[column] = MULTI_COLUMNS.has(column) ? String(value).split('|') : [String(value)];
  }
  return {
    ...values,
    organisations: extras.organisations,
    themes: extras.themes,
    partenaire: extras.partnerStructureId ? [extras.partnerStructureId] : [],
    lieu_accueil: extras.receptionSite ? ['oui'] : [],
  };
}

const MULTI_COLUMNS = new Set<string>(['typologie', 'services', ...Object.values(MULTI_VALUE_FIELDS).map((f) => f.column)]);
