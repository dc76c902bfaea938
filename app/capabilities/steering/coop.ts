// Une sollicitation dans le vocabulaire de la Coop de la médiation numérique (docs/glossaire.md), anonyme : ni nom, ni
// identifiant de personne. Les champs sans vocabulaire dans docs/glossaire.md suivent la décision 006.
import { CHANNELS } from '../reception/vocabulary';
import { localDay } from '../../platform/time';

export interface ExportRow {
  occurredAt: Date;
  /** Le nom du lieu d'accueil de la structure (détail seulement ; la Coop n'a pas ce champ). */
  site: string | null;
  organisations: string[];
  procedure: string | null;
  theme: string | null;
  channel: string;
  level: string;
  mode: string;
  equipment: string[];
  autonomy: string | null;
  durationMinutes: number;
  outcome: string;
  blockedCause: string | null;
  redirection: string | null;
  ageBand: string;
  commune: string | null;
  gender: string | null;
}

export const COOP_COLUMNS = [
  'date',
  'type',
  'type_lieu',
  'duree',
  'materiel',
  'thematiques_demarche',
  'precisions_demarche',
  'autonomie',
  'degre_de_finalisation',
  'structure_de_redirection',
  'commune',
  'genre',
  'tranche_age',
  'statut',
] as const;

const FINALISATION: Record<string, string> = {
  fait: 'termine',
  a_terminer_seul: 'a_finaliser_en_autonomie',
  doit_revenir: 'doit_revenir',
  bloque: 'doit_revenir',
  oriente: 'oriente_vers_structure',
};
const GENRE: Record<string, string> = { femme: 'feminin', homme: 'masculin' };

export function coopRow(row: ExportRow): string[] {
  return [
    localDay(row.occurredAt),
    'demarche',
    CHANNELS[row.channel as keyof typeof CHANNELS]?.coopTypeLieu ?? 'autre',
    String(row.durationMinutes),
    row.equipment.join(','),
    row.theme ?? '',
    row.procedure ?? '',
    row.autonomy ?? '',
    FINALISATION[row.outcome] ?? '',
    row.outcome === 'oriente' ? (row.redirection ?? '') : '',
    row.commune ?? '',
    GENRE[row.gender ?? ''] ?? 'non_communique',
    row.ageBand,
    'non_communique',
  ];
}
