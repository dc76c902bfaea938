// Les libellés français des codes, pour les exports et les graphiques.
import { BLOCKED_CAUSES, CHANNELS, LEVELS, MODE_LABELS, OUTCOMES } from '../reception/vocabulary';
import { AUTONOMY, AGE_BANDS, EQUIPMENT, REDIRECTIONS, THEMES } from '../../vocabulary/coop';
import type { Labels } from './detail';

/** Le libellé d'un code ; « non_renseigne » est la clé des indicateurs pour une valeur absente. */
const of = (vocabulary: Record<string, string | { label: string }>) => (code: string) => {
  const entry = vocabulary[code];
  if (entry === undefined) return code === 'non_renseigne' ? 'Non renseigné' : code;
  return typeof entry === 'string' ? entry : entry.label;
};

export const labelsFor = (organisations: Record<string, string>): Labels => ({
  organisation: (code) => organisations[code] ?? code,
  theme: of(THEMES),
  level: of(LEVELS),
  mode: of(MODE_LABELS),
  outcome: of(OUTCOMES),
  cause: of(BLOCKED_CAUSES),
  channel: of(CHANNELS),
  redirection: of(REDIRECTIONS),
  ageBand: of(AGE_BANDS),
  equipment: of(EQUIPMENT),
  autonomy: of(AUTONOMY),
});
