// La langue de la page du portail (posée par le loader racine depuis le cookie de langue) et ses textes.
import { useRouteLoaderData } from 'react-router';
import type { RootData } from '../../../root';
import { languageOf, portalText } from '../i18n';

export function usePortal() {
  const root = useRouteLoaderData<RootData>('root');
  const language = languageOf(root?.portal?.language);
  return { language, t: portalText(language), timeZone: root?.timeZone ?? 'Europe/Paris' };
}
