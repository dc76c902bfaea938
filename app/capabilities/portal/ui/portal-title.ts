// Le titre d'une page du portail, dans la langue de la page (lue dans les données de la racine).
import { languageOf, portalText, type PortalKey } from '../i18n';

interface MetaMatch {
  id: string;
  data?: unknown;
}

export function portalTitle(matches: readonly (MetaMatch | undefined)[], key: PortalKey, options?: Record<string, unknown>) {
  const root = matches.find((match) => match?.id === 'root')?.data as { portal?: { language?: unknown } } | undefined;
  const t = portalText(languageOf(root?.portal?.language));
  const page = t(key, options);
  const space = t('cadre.titre');
  return [{ title: page === space ? `${space} — Relais` : `${page} — ${space} — Relais` }];
}
