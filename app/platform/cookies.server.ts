import { createCookie } from 'react-router';

// Aucun secret nécessaire : les valeurs sont des jetons aléatoires opaques, vérifiés côté serveur.
const base = { httpOnly: true, sameSite: 'lax' as const, path: '/' };

export const sessionCookie = (secure: boolean) => createCookie('relais_session', { ...base, secure });
export const csrfCookie = (secure: boolean) => createCookie('relais_csrf', { ...base, secure });
