// Une ligne de détail anonyme (CSV et XLSX) : les libellés français, ni nom ni identifiant de personne.
import type { ExportRow } from './coop';
import { localDay } from '../../platform/time';

export interface Labels {
  organisation: (code: string) => string;
  theme: (code: string) => string;
  level: (code: string) => string;
  mode: (code: string) => string;
  outcome: (code: string) => string;
  cause: (code: string) => string;
  channel: (code: string) => string;
  redirection: (code: string) => string;
  ageBand: (code: string) => string;
  equipment: (code: string) => string;
  autonomy: (code: string) => string;
}

export const DETAIL_COLUMNS = [
  'Date',
  "Lieu d'accueil",
  'Organismes',
  'Thématique',
  'Démarche',
  'Canal',
  'Niveau de besoin',
  "Mode d'aide",
  'Matériel',
  'Autonomie observée',
  'Durée (minutes)',
  'Résultat',
  'Cause du blocage',
  'Orientée vers',
  "Tranche d'âge",
  'Commune',
];

export function detailCells(row: ExportRow, labels: Labels): Array<string | number> {
  return [
    localDay(row.occurredAt),
    row.site?.name ?? '',
    row.organisations.map(labels.organisation).join(', '),
    row.theme ? labels.theme(row.theme) : '',
    row.procedure ?? '',
    labels.channel(row.channel),
    labels.level(row.level),
    labels.mode(row.mode),
    row.equipment.map(labels.equipment).join(', '),
    row.autonomy ? labels.autonomy(row.autonomy) : '',
    row.durationMinutes,
    labels.outcome(row.outcome),
    row.blockedCause ? labels.cause(row.blockedCause) : '',
    row.redirection ? labels.redirection(row.redirection) : '',
    labels.ageBand(row.ageBand),
    row.commune ?? '',
  ];
}
