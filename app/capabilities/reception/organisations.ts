// Le catalogue des organismes d'une structure : la liste nationale (docs/glossaire.md) puis ses ajouts.
// Fonctions pures, testées dans organisations.test.ts.
import { z } from 'zod';
import { fold, searchKey } from '../../platform/text';
import { freeText, optionalChoice } from '../../platform/fields';
import { ORGANISATIONS } from './vocabulary';
import { THEMES, type Theme } from '../../vocabulary/coop';

export interface OrganisationEntry {
  label: string;
  theme: Theme | null;
  /** Un organisme local retiré de la liste garde son libellé pour l'historique, mais ne se choisit plus. */
  active: boolean;
  local: boolean;
}
export type OrganisationCatalog = Record<string, OrganisationEntry>;

export interface LocalOrganisation {
  code: string;
  label: string;
  theme: string | null;
  active: boolean;
}

const isTheme = (value: string | null): value is Theme => value !== null && value in THEMES;

/** National d'abord (dans l'ordre de la liste, « Autre » en dernier), les ajouts de la structure avant « Autre ». */
export function organisationCatalog(local: readonly LocalOrganisation[] = []): OrganisationCatalog {
  const { autre, ...national } = ORGANISATIONS;
  const entry = (label: string, theme: Theme | null, active: boolean, isLocal: boolean) => ({ label, theme, active, local: isLocal });
  return {
    ...Object.fromEntries(Object.entries(national).map(([code, o]) => [code, entry(o.label, o.theme, true, false)])),
    ...Object.fromEntries(
      [...local]
        .sort((a, b) => a.label.localeCompare(b.label, 'fr'))
        .map((o) => [o.code, entry(o.label, isTheme(o.theme) ? o.theme : null, o.active, true)]),
    ),
    autre: entry(autre.label, autre.theme, true, false),
  };
}

export const NATIONAL_CATALOG = organisationCatalog();

/** Ce qu'on peut choisir dans un formulaire. */
export const selectableOrganisations = (catalog: OrganisationCatalog) =>
  Object.fromEntries(Object.entries(catalog).filter(([, o]) => o.active));

/** Libellés de tous les organismes, retirés compris : pour afficher l'historique. */
export const organisationLabels = (catalog: OrganisationCatalog): Record<string, string> =>
  Object.fromEntries(Object.entries(catalog).map(([code, o]) => [code, o.label]));

export const labelOfOrganisations = (labels: Record<string, string>, codes: readonly string[]) =>
  codes.map((code) => labels[code] ?? code).join(', ');

/** Un code stable tiré du libellé : « Mission locale d'Alpha » → local_mission_locale_d_alpha. */
export function localCode(label: string, taken: ReadonlySet<string>) {
  const base = `local_${
    searchKey(label)
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
      .slice(0, 50) || 'organisme'
  }`;
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}_${n}`;
  return code;
}

export function localOrganisationSchema(catalog: OrganisationCatalog) {
  const existing = new Map(Object.values(catalog).map((o) => [fold(o.label).replace(/\s+/g, ' ').trim(), o]));
  return z.object({
    label: freeText(80, 'Le nom de l’organisme')
      .refine((v) => v !== null && v.length >= 2, 'Indiquez le nom de l’organisme (au moins 2 caractères).')
      .superRefine((value, ctx) => {
        const same = value ? existing.get(searchKey(value)) : undefined;
        if (same)
          ctx.addIssue({
            code: 'custom',
            message: same.local
              ? `« ${same.label} » est déjà dans votre liste${same.active ? '' : ' (retiré : remettez-le plutôt)'}.`
              : `« ${same.label} » fait déjà partie de la liste nationale.`,
          });
      })
      .transform((v) => v!),
    theme: optionalChoice(THEMES, 'Choisissez une thématique de la liste.'),
  });
}
