import { createCookie } from 'react-router';

// Aucun secret nécessaire : les valeurs sont des jetons aléatoires opaques, vérifiés côté serveur.
const base = { httpOnly: true, sameSite: 'lax' as const, path: '/' };

export const sessionCookie = (secure: boolean) => createCookie('relais_session', { ...base, secure });
export const csrfCookie = (secure: boolean) => createCookie('relais_csrf', { ...base, secure });

/** La session d'un habitant (portail), à part de celle des agents ; seulement sous /mon-espace. */
export const residentCookie = (secure: boolean) => createCookie('relais_portail', { ...base, path: '/mon-espace', secure });
/** Le contact tapé à la demande d'un code, chiffré, le temps de taper le code (jamais dans l'adresse). */
export const pendingContactCookie = (secure: boolean) =>
  createCookie('relais_portail_contact', { ...base, path: '/mon-espace', secure, maxAge: 15 * 60 });
/** La langue choisie pour le portail. */
export const languageCookie = (secure: boolean) => createCookie('relais_langue', { ...base, path: '/', secure, maxAge: 365 * 86_400 });
/** Le jeton d'identité FranceConnect, chiffré, pour fermer aussi la session FranceConnect à la déconnexion. */
export const franceConnectSessionCookie = (secure: boolean) =>
  createCookie('relais_portail_fc_session', { ...base, path: '/mon-espace', secure, maxAge: 12 * 3600 });
/** Le temps d'un aller-retour vers FranceConnect : l'état, le nonce et le vérificateur PKCE, chiffrés. */
export const franceConnectCookie = (secure: boolean) =>
  createCookie('relais_portail_fc', { ...base, path: '/mon-espace', secure, maxAge: 10 * 60 });
/**
 * L'accès d'un organisme à un partage de papiers, ouvert par le code : un cookie par partage (son identifiant dans le
 * nom), sous /partage (les requêtes de données de React Router, « /partage/<lien>.data », en font partie).
 */
export const shareAccessCookie = (secure: boolean, shareId: string) =>
  createCookie(`relais_partage_${/^[0-9a-f-]{36}$/.test(shareId) ? shareId : 'inconnu'}`, {
    ...base,
    path: '/partage',
    secure,
    maxAge: 12 * 3600,
  });
