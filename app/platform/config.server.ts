// Configuration lue une fois au démarrage, depuis l'environnement (voir README).
import path from 'node:path';

export interface Config {
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  /** Mode démonstration : comptes de démo, bandeau visible, second facteur non exigé pour eux. */
  demo: boolean;
  /** NODE_ENV=production déclaré par l'exploitant (et non forcé par Relais pour le rendu). */
  declaredProduction: boolean;
  publicUrl: string;
  smtpUrl: string | null;
  mailFrom: string;
  masterKey: string | null;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  secureCookies: boolean;
}

const truthy = (value: string | undefined) => ['1', 'true', 'oui', 'on'].includes((value ?? '').toLowerCase());
const falsy = (value: string | undefined) => ['0', 'false', 'non', 'off'].includes((value ?? '').toLowerCase());

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
    demo,
    declaredProduction: env.NODE_ENV === 'production',
    publicUrl,
    smtpUrl: env.SMTP_URL?.trim() || null,
    mailFrom: env.MAIL_FROM ?? 'Relais <ne-pas-repondre@relais.localhost>',
    masterKey: env.RELAIS_MASTER_KEY?.trim() || null,
    sessionIdleMinutes: Number(env.SESSION_IDLE_MINUTES ?? 60),
    sessionAbsoluteHours: Number(env.SESSION_ABSOLUTE_HOURS ?? 12),
    secureCookies: publicUrl.startsWith('https://'),
  };
}
