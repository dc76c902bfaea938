// Configuration lue une fois au démarrage, depuis l'environnement (voir README).
import path from 'node:path';
import type { S3Settings } from './file-storage.server';
import { DEFAULT_TIME_ZONE, validTimeZone } from './time';

export interface Config {
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  /** Rôle de connexion de l'application sur le serveur, s'il est créé à part ; sinon le propriétaire le crée. */
  databaseAppUrl: string | null;
  /** Où le worker range les sauvegardes de la nuit (BACKUP_DIR, sinon DATA_DIR/sauvegardes), et combien il en garde. */
  backupDir: string;
  backupKeep: { daily: number; weekly: number };
  /** Mode démonstration : comptes de démo, bandeau visible, second facteur non exigé pour eux. */
  demo: boolean;
  /** NODE_ENV=production déclaré par l'exploitant (et non forcé par Relais pour le rendu). */
  declaredProduction: boolean;
  publicUrl: string;
  smtpUrl: string | null;
  mailFrom: string;
  /** Prestataire SMS (POST JSON {to, text}) ; sans lui, chaque SMS est écrit dans DATA_DIR/outbox. */
  smsUrl: string | null;
  /** Intervalle du worker intégré au serveur, en secondes ; 0 le coupe (quand `relais worker` tourne à part). */
  workerIntervalSeconds: number;
  masterKey: string | null;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  secureCookies: boolean;
  /** Le fuseau de la structure (TZ) : ses jours, ses mois, ses heures affichées et saisies. */
  timeZone: string;
  /** FranceConnect pour le portail des habitants (FRANCECONNECT_ISSUER, _CLIENT_ID, _CLIENT_SECRET), s'il est configuré. */
  franceConnect: { issuer: string; clientId: string; clientSecret: string } | null;
  /** Stockage compatible S3 des fichiers du coffre-fort (S3_URL, S3_BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION) ; sinon DATA_DIR/files. */
  s3: S3Settings | null;
  /** Battement du flux en direct de la file : à chaque battement, un flux dont la session est fermée se ferme. */
  sseHeartbeatMs: number;
}

const truthy = (value: string | undefined) => ['1', 'true', 'oui', 'on'].includes((value ?? '').toLowerCase());
const falsy = (value: string | undefined) => ['0', 'false', 'non', 'off'].includes((value ?? '').toLowerCase());

function workerInterval(value: string | undefined) {
  if (value === undefined || value.trim() === '') return 30;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new Error('RELAIS_WORKER_INTERVAL : un nombre de secondes (0 pour couper le worker intégré).');
  return seconds;
}

function count(value: string | undefined, fallback: number, name: string) {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 365) throw new Error(`${name} : un nombre entier de sauvegardes à garder, de 0 à 365.`);
  return n;
}

function timeZoneOf(value: string | undefined) {
  if (value === undefined || value.trim() === '') return DEFAULT_TIME_ZONE;
  const zone = validTimeZone(value.trim());
  if (!zone) throw new Error(`TZ : fuseau horaire inconnu « ${value} » (exemples : Europe/Paris, America/Cayenne, Indian/Reunion).`);
  return zone;
}

function s3Of(env: NodeJS.ProcessEnv): Config['s3'] {
  const values = {
    url: env.S3_URL?.trim() ?? '',
    bucket: env.S3_BUCKET?.trim() ?? '',
    accessKeyId: env.S3_ACCESS_KEY?.trim() ?? '',
    secretAccessKey: env.S3_SECRET_KEY?.trim() ?? '',
  };
  if (Object.values(values).every((v) => !v)) return null;
  if (Object.values(values).some((v) => !v))
    throw new Error('Stockage S3 : donnez S3_URL, S3_BUCKET, S3_ACCESS_KEY et S3_SECRET_KEY ensemble (S3_REGION si besoin).');
  let url: URL;
  try {
    url = new URL(values.url);
  } catch {
    throw new Error(`S3_URL : une adresse (https://…) est attendue, pas « ${values.url} ».`);
  }
  if (url.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
    throw new Error('S3_URL : une adresse en https:// est exigée (les papiers chiffrés et les clés d’accès ne passent pas en clair).');
  return { ...values, url: url.href.replace(/\/$/, ''), region: env.S3_REGION?.trim() || 'fr-par' };
}

function franceConnectOf(env: NodeJS.ProcessEnv): Config['franceConnect'] {
  const issuer = env.FRANCECONNECT_ISSUER?.trim() ?? '';
  const clientId = env.FRANCECONNECT_CLIENT_ID?.trim() ?? '';
  const clientSecret = env.FRANCECONNECT_CLIENT_SECRET?.trim() ?? '';
  if (!issuer && !clientId && !clientSecret) return null;
  if (!issuer || !clientId || !clientSecret)
    throw new Error('FranceConnect : donnez FRANCECONNECT_ISSUER, FRANCECONNECT_CLIENT_ID et FRANCECONNECT_CLIENT_SECRET ensemble.');
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`FRANCECONNECT_ISSUER : une adresse (https://…) est attendue, pas « ${issuer} ».`);
  }
  // En clair, seulement sur la machine même (le fournisseur OIDC local des tests) : jamais un secret sur le réseau.
  if (url.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
    throw new Error('FRANCECONNECT_ISSUER : une adresse en https:// est exigée.');
  return { issuer: url.href.replace(/\/$/, ''), clientId, clientSecret };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const demoSetting = env.RELAIS_DEMO;
  const demo = truthy(demoSetting) ? true : falsy(demoSetting) ? false : databaseUrl === null;
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  return {
    port,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl,
    databaseAppUrl: env.DATABASE_APP_URL?.trim() || null,
    backupDir: path.resolve(env.BACKUP_DIR?.trim() || path.join(env.DATA_DIR ?? './data', 'sauvegardes')),
    backupKeep: {
      daily: count(env.BACKUP_KEEP_DAILY, 7, 'BACKUP_KEEP_DAILY'),
      weekly: count(env.BACKUP_KEEP_WEEKLY, 4, 'BACKUP_KEEP_WEEKLY'),
    },
    demo,
    declaredProduction: env.NODE_ENV === 'production',
    publicUrl,
    smtpUrl: env.SMTP_URL?.trim() || null,
    mailFrom: env.MAIL_FROM ?? 'Relais <ne-pas-repondre@relais.localhost>',
    smsUrl: env.SMS_URL?.trim() || null,
    workerIntervalSeconds: workerInterval(env.RELAIS_WORKER_INTERVAL),
    masterKey: env.RELAIS_MASTER_KEY?.trim() || null,
    sessionIdleMinutes: Number(env.SESSION_IDLE_MINUTES ?? 60),
    sessionAbsoluteHours: Number(env.SESSION_ABSOLUTE_HOURS ?? 12),
    secureCookies: publicUrl.startsWith('https://'),
    timeZone: timeZoneOf(env.TZ),
    sseHeartbeatMs: Number(env.RELAIS_SSE_HEARTBEAT_MS ?? 25_000),
    franceConnect: franceConnectOf(env),
    s3: s3Of(env),
  };
}
