export const TEMPLATE_PREFIX = 'relais_gabarit_';

/** Connexion d'administration (base « postgres ») sur le même serveur que DATABASE_URL. */
export function adminUrl(url: string) {
  const parsed = new URL(url);
  parsed.pathname = '/postgres';
  return parsed.toString();
}
