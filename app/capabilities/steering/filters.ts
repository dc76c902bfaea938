// Le jeu de filtres du pilotage, lu dans l'adresse : le même pour les tableaux, les graphiques et les exports.
// Une valeur inconnue est ignorée et signalée, jamais une erreur ; une période inversée est remise à l'endroit.
// Fonctions pures, testées dans filters.test.ts.
import { z } from 'zod';
import { CHANNELS, LEVELS, MODES, OUTCOMES } from '../reception/vocabulary';
import { AGE_BANDS, THEMES } from '../../vocabulary/coop';
import type { OrganisationCatalog } from '../reception/organisations';

export const FILTER_LABELS = {
  du: 'Du',
  au: 'Au',
  lieu: "Lieu d'accueil",
  mediateur: 'Médiateur',
  organisme: 'Organisme',
  thematique: 'Thématique',
  niveau: 'Niveau de besoin',
  mode: "Mode d'aide",
  resultat: 'Résultat',
  canal: 'Canal',
  age: "Tranche d'âge",
  commune: 'Commune',
} as const;
export type FilterKey = keyof typeof FILTER_LABELS;

export interface SteeringFilters {
  du: string;
  au: string;
  lieu?: string;
  mediateur?: string;
  organisme?: string;
  thematique?: string;
  niveau?: string;
  mode?: string;
  resultat?: string;
  canal?: string;
  age?: string;
  commune?: string;
}

const inVocabulary = (vocabulary: object) => z.string().refine((v) => v in vocabulary);
const isoDate = z.iso.date().refine((v) => !Number.isNaN(new Date(`${v}T12:00:00`).getTime()));

/** La période par défaut : les 12 derniers mois, du premier jour du mois d'il y a 11 mois à aujourd'hui. */
export function defaultPeriod(today: string) {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(year, month - 1 - 11, 1));
  return { du: start.toISOString().slice(0, 10), au: today };
}

export const EARLIEST = '2000-01-01';

/** `siteIds` : les lieux d'accueil de la structure, retirés compris (l'histoire garde leurs sollicitations). */
export function parseFilters(
  params: URLSearchParams,
  today: string,
  catalog: OrganisationCatalog,
  mediatorIds: readonly string[],
  siteIds: readonly string[] = [],
) {
  const notices: string[] = [];
  const read = (key: FilterKey, schema: z.ZodType<string>) => {
    const raw = params.get(key)?.trim();
    if (!raw) return undefined;
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    notices.push(`Le filtre « ${FILTER_LABELS[key]} » a une valeur inconnue (« ${raw.slice(0, 40)} ») : il est ignoré.`);
    return undefined;
  };
  const period = defaultPeriod(today);
  let du = read('du', isoDate) ?? period.du;
  let au = read('au', isoDate) ?? period.au;
  if (du > au) {
    [du, au] = [au, du];
    notices.push('La date de début était après la date de fin : les deux dates ont été inversées.');
  }
  if (du < EARLIEST) {
    du = EARLIEST;
    notices.push('Relais ne remonte pas avant le 1er janvier 2000 : la période commence à cette date.');
  }
  if (au > today) {
    au = today;
    notices.push("La période ne peut pas dépasser aujourd'hui : elle s'arrête à aujourd'hui.");
  }
  if (du > au) du = au;
  const filters: SteeringFilters = {
    du,
    au,
    lieu: read(
      'lieu',
      z.string().refine((v) => siteIds.includes(v)),
    ),
    mediateur: read(
      'mediateur',
      z.string().refine((v) => mediatorIds.includes(v)),
    ),
    organisme: read(
      'organisme',
      z.string().refine((v) => v in catalog),
    ),
    thematique: read('thematique', inVocabulary(THEMES)),
    niveau: read('niveau', inVocabulary(LEVELS)),
    mode: read('mode', inVocabulary(MODES)),
    resultat: read('resultat', inVocabulary(OUTCOMES)),
    canal: read('canal', inVocabulary(CHANNELS)),
    age: read('age', inVocabulary(AGE_BANDS)),
    commune: read('commune', z.string().max(100)),
  };
  for (const key of Object.keys(filters) as FilterKey[]) if (filters[key] === undefined) delete filters[key];
  return { filters, notices };
}

/** Les filtres en paramètres d'adresse : pour les liens d'export et de vue, qui gardent la sélection. */
export function filterQuery(filters: SteeringFilters, extra: Record<string, string> = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) if (value) params.set(key, value);
  return params.toString();
}

/** Croissance d'une année sur l'autre, en pourcentage arrondi ; null sans année de référence. */
export const growth = (current: number, previous: number | undefined) =>
  previous ? Math.round(((current - previous) / previous) * 100) : null;

/** Part en pourcentage, arrondie à l'unité. */
export const share = (part: number, total: number) => (total ? Math.round((part / total) * 100) : 0);
