// Relais lancé pour de vrai, comme en production (`node build/server/main.js`, `relais worker`), dans un processus à
// part : pour les tests qui l'arrêtent brutalement, en lancent plusieurs, ou le chargent (bench). Avec une base
// neuve : un dossier PGlite temporaire, ou une base créée sur le serveur de DATABASE_URL.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { applicationRoleName } from '../app/db/app-role.server';
import { withDatabase } from './global-setup';
import { adminUrl } from './server-database';

const root = path.resolve(import.meta.dirname, '..');

export interface RelaisProcess {
  child: ChildProcess;
  /** Adresse du serveur web (vide pour un worker). */
  url: string;
  logFile: string;
  /** Attend la fin du processus ; rend son code de sortie et le signal qui l'a arrêté. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Un dossier de données neuf et, sur un serveur (DATABASE_URL par défaut), une base neuve (à effacer par `drop`). */
export async function freshInstance(label: string, serverUrl = process.env.DATABASE_URL) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `relais-${label}-`));
  if (!serverUrl) return { dataDir, databaseUrl: null, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  const name = `relais_${label.replace(/\W/g, '_')}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl(serverUrl) });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    dataDir,
    databaseUrl: withDatabase(serverUrl, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl(serverUrl) });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.query(`DROP ROLE IF EXISTS ${applicationRoleName(name)}`);
      await client.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** L'environnement d'une instance : démonstration, pas de sauvegarde de nuit (elle a ses tests), base choisie. */
export function instanceEnv(instance: { dataDir: string; databaseUrl: string | null }, extra: NodeJS.ProcessEnv = {}) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: instance.dataDir,
    RELAIS_DEMO: '1',
    SIGNIN_RATE_LIMIT: '100000',
    BACKUP_KEEP_DAILY: '0',
    BACKUP_KEEP_WEEKLY: '0',
    ...extra,
  };
  delete env.NODE_ENV;
  if (instance.databaseUrl) env.DATABASE_URL = instance.databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

function spawnLogged(args: string[], env: NodeJS.ProcessEnv, logFile: string) {
  const log = fs.openSync(logFile, 'a');
  const child = spawn('node', args, { cwd: root, env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited };
}

/** Démarre le serveur web construit et attend qu'il réponde sur /sante. */
export async function startWeb(env: NodeJS.ProcessEnv, logFile: string): Promise<RelaisProcess> {
  const port = await freePort();
  const { child, exited } = spawnLogged(['build/server/main.js'], { ...env, PORT: String(port) }, logFile);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, logFile);
  return { child, url, logFile, exited };
}

/** Démarre `relais worker` (un tour toutes les `seconds` secondes). */
export function startWorkerProcess(env: NodeJS.ProcessEnv, logFile: string, seconds = 1): RelaisProcess {
  const { child, exited } = spawnLogged(['bin/relais.mjs', 'worker', '--interval', String(seconds)], env, logFile);
  return { child, url: '', logFile, exited };
}

export async function waitForHealth(url: string, child: ChildProcess, logFile: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`Le serveur s'est arrêté :\n${fs.readFileSync(logFile, 'utf8')}`);
    const ok = await fetch(`${url}/sante`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Le serveur ne répond pas :\n${fs.readFileSync(logFile, 'utf8')}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Une session d'agent ouverte par le vrai formulaire de connexion : l'en-tête Cookie et le jeton CSRF. */
export async function signInOverHttp(url: string, email: string, password = 'relais-demo') {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      jar.set(name!, value ?? '');
    }
    return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  };
  const page = await fetch(`${url}/connexion`);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  let cookie = remember(page);
  const post = await fetch(`${url}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, email, password }),
  });
  if (post.status !== 302) throw new Error(`Connexion refusée pour ${email} (${post.status})`);
  cookie = remember(post);
  await fetch(`${url}/`, { headers: { cookie } }); // choix d'office de la structure unique
  return { cookie, csrf };
}

/** Un POST de formulaire comme le navigateur l'envoie (JavaScript coupé), sans suivre la redirection. */
export function postForm(url: string, session: { cookie: string; csrf: string }, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams({ csrf: session.csrf });
  for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(key, item);
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

/**
 * Le cas courant d'une sollicitation pour une personne connue (CAF, sur place, inclusion, accompagné, 20 min, fait),
 * champ par champ comme le formulaire l'envoie ; `occurredAt` au format d'un champ datetime-local.
 */
export function commonSolicitation(site: string, personId: string, occurredAt: string, procedure = 'Déclaration trimestrielle RSA') {
  return {
    site,
    sujet: `personne:${personId}`,
    occurredAt,
    organisation: 'caf',
    procedure,
    channel: 'sur_place',
    level: 'inclusion',
    mode: 'accompagne',
    durationMinutes: '20',
    outcome: 'fait',
  };
}
