// Ce que Relais écrit de ses erreurs dans les journaux du serveur : le numéro de la requête, la nature de l'erreur
// et son code (PostgreSQL, système), l'endroit du code — jamais le message, qui peut porter la requête SQL et ses
// paramètres (le nom d'une personne, son téléphone…). Le numéro relie la ligne à la page d'erreur vue par l'agent.

/** L'en-tête où le serveur HTTP range le numéro de la requête, pour que React Router le retrouve. */
export const REQUEST_ID_HEADER = 'x-relais-requete';
/** L'en-tête où il range l'adresse IP du client (selon TRUST_PROXY), toujours réécrit : un client ne le choisit pas. */
export const CLIENT_IP_HEADER = 'x-relais-ip';

interface WithCode {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
}

/** Le code d'une erreur (PostgreSQL, système), cherché aussi dans ses causes. */
export function codeOf(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== 'object' || depth > 3) return null;
  const { code, cause } = error as WithCode;
  if (typeof code === 'string' || typeof code === 'number') return String(code);
  return codeOf(cause, depth + 1);
}

/** Une ligne de journal sans donnée personnelle : numéro de requête, nature, code, trois lignes de pile. */
export function errorLogLine(error: unknown, requestId: string | null = null): string {
  const name = error && typeof error === 'object' && typeof (error as WithCode).name === 'string' ? (error as WithCode).name : 'Erreur';
  const code = codeOf(error);
  const where =
    error instanceof Error && error.stack
      ? error.stack
          .split('\n')
          .filter((line) => line.trimStart().startsWith('at '))
          .slice(0, 3)
          .map((line) => line.trim())
          .join(' | ')
      : '';
  return `[requête ${requestId ?? '-'}] ${String(name)}${code ? ` (code ${code})` : ''}${where ? ` — ${where}` : ''}`;
}

/** Codes d'une base injoignable (réseau, serveur arrêté ou en redémarrage) : Relais répond 503, pas 500. */
const UNAVAILABLE = /^(?:ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE|57P01|57P02|57P03|08\w{3})$/;
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;

export function databaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const code = codeOf(error);
  if (code && UNAVAILABLE.test(code)) return true;
  if (error instanceof Error && UNAVAILABLE_MESSAGE.test(error.message)) return true;
  return databaseUnavailable((error as WithCode).cause, depth + 1);
}
