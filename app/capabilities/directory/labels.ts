// Les libellés des valeurs d'un lieu (typologies, organismes, thématiques), pour l'écran.
import { TYPOLOGY_LABELS } from '../administration/typologies';
import type { OrganisationCatalog } from '../reception/organisations';
import { THEMES } from '../../vocabulary/coop';

export const typologyLabel = (code: string) => TYPOLOGY_LABELS[code] ?? code;

export const themeLabel = (code: string) => THEMES[code as keyof typeof THEMES] ?? code;

/** Les organismes actifs du catalogue, pour les cases « démarches accompagnées » et le filtre « besoin ». */
export const organisationOptions = (catalog: OrganisationCatalog) =>
  Object.entries(catalog)
    .filter(([code, o]) => o.active && code !== 'autre')
    .map(([value, o]) => ({ value, label: o.label }));
