// Règles de l'annuaire : les filtres de recherche lus dans l'adresse (valeur inconnue ignorée et signalée),
// le formulaire d'un lieu ramené au format national, la distance. Fonctions pures, testées dans rules.test.ts.
import { z } from 'zod';
import type { OrganisationCatalog } from '../reception/organisations';
import { THEMES } from '../../vocabulary/coop';
import { NATIONAL_COLUMNS } from './national-format';
import { ACCESS_MODES, FEES, PUBLICS, SERVICES, SPECIFIC_SUPPORT, SUPPORT_MODES } from './vocabulary';

export const SEARCH_LABELS = {
  q: 'Nom ou commune',
  besoin: 'Besoin',
  public: 'Public',
  prise_en_charge: 'Prise en charge',
  frais: 'Frais',
  modalite: 'Modalité',
  ouvert: 'Ouverture',
  jour: 'Jour',
  depuis: 'Distance depuis',
  rayon: 'Dans un rayon de',
  typologie: 'Typologie',
  page: 'Page',
  lat: 'Latitude',
  lon: 'Longitude',
} as const;
type SearchKey = keyof typeof SEARCH_LABELS;

/** Un besoin : un service du schéma national, les démarches d'un organisme, ou une thématique administrative. */
export type Need = { kind: 'service'; value: string } | { kind: 'organisme'; value: string } | { kind: 'thematique'; value: string };

export interface PlaceSearch {
  q?: string;
  need?: Need;
  public?: string;
  specificSupport?: string;
  fees?: string;
  /** Modalité d'accès ou d'accompagnement (les deux listes du schéma). */
  modality?: string;
  open?: { kind: 'maintenant' } | { kind: 'jour'; day: string };
  /** Point de départ de la distance. */
  from?: { kind: 'structure' } | { kind: 'lieu'; placeId: string } | { kind: 'position'; latitude: number; longitude: number };
  radiusKm?: number;
  typology?: string;
  page: number;
}

export const RADII = [1, 2, 5, 10, 20, 50] as const;

/**
 * Un lieu en libre-service seulement (schéma national : « En autonomie », sans autre modalité d'accompagnement) :
 * on y fait ses démarches seul. Ses démarches ne se disent pas « accompagnées ».
 */
export const selfServiceOnly = (supportModes: readonly string[]) =>
  supportModes.length > 0 && supportModes.every((m) => m === 'En autonomie');
export const PAGE_SIZE = 20;

export const needValue = (need: Need) => `${need.kind}:${need.value}`;

export function parseNeed(raw: string, catalog: OrganisationCatalog): Need | null {
  const [kind, ...rest] = raw.split(':');
  const value = rest.join(':');
  if (kind === 'service' && SERVICES.includes(value)) return { kind, value };
  if (kind === 'organisme' && value in catalog) return { kind, value };
  if (kind === 'thematique' && value in THEMES) return { kind, value };
  return null;
}

const isoDay = z.iso.date().refine((v) => !Number.isNaN(new Date(`${v}T12:00:00`).getTime()));

export function parseSearch(params: URLSearchParams, catalog: OrganisationCatalog, typologies: readonly string[]) {
  const notices: string[] = [];
  const raw = (key: SearchKey) => params.get(key)?.trim() || undefined;
  const unknown = (key: SearchKey, value: string) =>
    notices.push(`Le filtre « ${SEARCH_LABELS[key]} » a une valeur inconnue (« ${value.slice(0, 40)} ») : il est ignoré.`);
  const among = (key: SearchKey, options: readonly string[]) => {
    const value = raw(key);
    if (value === undefined) return undefined;
    if (options.includes(value)) return value;
    unknown(key, value);
    return undefined;
  };

  const search: PlaceSearch = { page: 1 };
  const q = raw('q');
  if (q) search.q = q.slice(0, 100);
  const need = raw('besoin');
  if (need) {
    const parsed = parseNeed(need, catalog);
    if (parsed) search.need = parsed;
    else unknown('besoin', need);
  }
  search.public = among('public', PUBLICS);
  search.specificSupport = among('prise_en_charge', SPECIFIC_SUPPORT);
  search.fees = among('frais', FEES);
  search.modality = among('modalite', [...ACCESS_MODES, ...SUPPORT_MODES]);
  search.typology = among('typologie', typologies);

  const open = raw('ouvert');
  if (open === 'maintenant') search.open = { kind: 'maintenant' };
  else if (open === 'jour') {
    const day = raw('jour');
    if (day && isoDay.safeParse(day).success) search.open = { kind: 'jour', day };
    else notices.push('Choisissez le jour d’ouverture (JJ/MM/AAAA) : le filtre « Ouverture » est ignoré.');
  } else if (open) unknown('ouvert', open);

  const from = raw('depuis');
  if (from === 'structure') search.from = { kind: 'structure' };
  else if (from === 'position') {
    const latitude = Number(raw('lat'));
    const longitude = Number(raw('lon'));
    if (raw('lat') && raw('lon') && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)
      search.from = { kind: 'position', latitude, longitude };
    else notices.push("Votre position n'a pas pu être lue : la distance n'est pas calculée.");
  } else if (from?.startsWith('lieu:') && z.uuid().safeParse(from.slice(5)).success) search.from = { kind: 'lieu', placeId: from.slice(5) };
  else if (from) unknown('depuis', from);

  const radius = raw('rayon');
  if (radius) {
    if (RADII.includes(Number(radius) as (typeof RADII)[number])) {
      if (search.from) search.radiusKm = Number(radius);
      else notices.push('Un rayon demande un point de départ : choisissez « Distance depuis ».');
    } else unknown('rayon', radius);
  }
  const page = Number(raw('page') ?? 1);
  search.page = Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1;
  for (const key of Object.keys(search) as Array<keyof PlaceSearch>) if (search[key] === undefined) delete search[key];
  return { search, notices };
}

/** Le formulaire d'un lieu, au format national : les cases cochées d'une liste sont jointes par « | ». */
export function formToNationalRecord(form: Record<string, FormDataEntryValue | FormDataEntryValue[] | undefined>) {
  const record: Record<string, string> = {};
  for (const column of NATIONAL_COLUMNS) {
    const value = form[column];
    const values = (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');
    const joined = values
      .map((v) => v.trim())
      .filter(Boolean)
      .join('|');
    if (joined) record[column] = joined;
  }
  return record;
}

/** Les ajouts de Relais au format national : organismes et thématiques traités par le lieu, partenaire, lieu d'accueil. */
export function readRelaisExtras(
  form: Record<string, FormDataEntryValue | FormDataEntryValue[] | undefined>,
  catalog: OrganisationCatalog,
  partnerIds: readonly string[] = [],
) {
  const values = (key: string) => {
    const value = form[key];
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
      (v): v is string => typeof v === 'string' && v !== '',
    );
  };
  return {
    organisations: values('organisations').filter((code) => code in catalog),
    themes: values('themes').filter((theme) => theme in THEMES),
    partnerStructureId: values('partenaire').find((id) => partnerIds.includes(id)) ?? null,
    receptionSite: values('lieu_accueil').includes('oui'),
  };
}

/** Un degré de latitude, en kilomètres (rayon terrestre moyen de 6 371 km). */
export const KM_PER_DEGREE = (6371 * Math.PI) / 180;

/**
 * Distance à vol d'oiseau en kilomètres, par la projection équirectangulaire : à l'échelle d'un territoire,
 * l'écart avec la distance sur la sphère est de 0,1 % à 25 km et de 0,3 % à 70 km (sans effet sur l'ordre des
 * lieux), et le SQL de la recherche la calcule sans trigonométrie par lieu. Le cosinus est pris au point de départ.
 */
export function distanceKm(from: { latitude: number; longitude: number }, to: { latitude: number; longitude: number }) {
  const k = Math.cos((from.latitude * Math.PI) / 180);
  return KM_PER_DEGREE * Math.hypot(to.latitude - from.latitude, (to.longitude - from.longitude) * k);
}

/** 350 m, 1,2 km, 12 km : la distance comme on la lit. */
export function formatDistance(km: number) {
  if (km < 0.05) return 'moins de 50\u00a0m';
  if (km < 1) return `${Math.max(10, Math.round((km * 1000) / 10) * 10)}\u00a0m`;
  return `${km < 10 ? km.toFixed(1).replace('.', ',') : Math.round(km)}\u00a0km`;
}
