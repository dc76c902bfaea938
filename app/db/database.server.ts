// Ouvre la base : PGlite (PostgreSQL embarqué, persisté dans DATA_DIR) par défaut,
// un serveur PostgreSQL quand DATABASE_URL est défini. Un seul dialecte, un seul schéma.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { SQL } from 'drizzle-orm';
import { timeZone } from '../platform/time';

export type DatabaseKind = 'pglite' | 'postgresql';
// Sans schéma relationnel : les requêtes passent par le constructeur de requêtes et les tables importées.
export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  kind: DatabaseKind;
  /** Connexion du propriétaire du schéma : migrations, exploitant (operatorTransaction), jeu de démonstration. */
  db: Db;
  /**
   * Connexion de l'application (transaction) : sur un serveur, un rôle de connexion qui n'est pas le propriétaire et
   * n'a aucun droit propre (app-role.server.ts) ; dans PGlite, la même connexion que `db` (une seule existe).
   */
  app: Db;
  /** Exécute un script de plusieurs instructions en tant que propriétaire (migrations, outillage). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
  /** Écoute un canal LISTEN/NOTIFY ; renvoie de quoi se désabonner. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Exécute `work` seul parmi les processus de cette base (plusieurs serveurs web et workers démarrent ensemble sur
   * un même serveur) : migrations, rôle de l'application, démonstration. PGlite n'a de toute façon qu'un processus.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** PGlite seulement : archive du dossier de données (gabarit migré des tests). */
  dump?: () => Promise<Blob>;
}

/** Erreur d'ouverture à afficher telle quelle à l'exploitant. */
export class DatabaseOpenError extends Error {}

export type OpenOptions =
  { kind: 'postgresql'; url: string } | { kind: 'pglite'; dataDir: string } | { kind: 'pglite'; memory: true; loadDataDir?: Blob };

/** Extensions chargées à chaque ouverture de PGlite (les migrations font CREATE EXTENSION). */
const PGLITE_EXTENSIONS = { pg_trgm, btree_gist };

/**
 * PGlite n'a qu'une connexion : la mémoire partagée prévue pour un serveur (128 Mo de shared_buffers, 100 connexions)
 * est réservée d'avance dans son tas WebAssembly et n'y sert à rien. Réduite, le serveur de la démo d'Alpha passe
 * d'environ 560 à moins de 300 Mo ; les fichiers restent dans le cache du système (décision 014).
 */
const PGLITE_START = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB', '-c', 'max_connections=5'];

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.kind === 'postgresql') return openServer(options.url);
  if ('memory' in options)
    return wrapPglite(
      await inStructureTimeZone(
        await PGlite.create({ loadDataDir: options.loadDataDir, extensions: PGLITE_EXTENSIONS, startParams: PGLITE_START }),
      ),
      () => {},
    );
  return openEmbedded(options.dataDir);
}

/** La clé du verrou consultatif de démarrage (« relais » en ASCII). */
const STARTUP_LOCK = 0x72656c616973;

/** Un pool vers le serveur ; chaque connexion compte les jours et les mois dans le fuseau de la structure. */
export function serverPool(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000, options: `-c TimeZone=${timeZone()}` });
  pool.on('error', () => {}); // une connexion inactive coupée par le serveur est recréée à la demande
  return pool;
}

async function openServer(url: string): Promise<Database> {
  const pool = serverPool(url);
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseOpenError(`Impossible de joindre le serveur PostgreSQL de DATABASE_URL (${redact(url)}) : ${reason}`);
  }
  const db = drizzlePg(pool) as unknown as Db;
  return {
    kind: 'postgresql',
    db,
    app: db,
    exec: async (script) => {
      await pool.query(script);
    },
    exclusive: async (work) => {
      // Verrou consultatif de session : tenu par une connexion réservée le temps du travail.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
        try {
          return await work();
        } finally {
          await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK]);
        }
      } finally {
        client.release();
      }
    },
    listen: async (channel, onPayload) => {
      // Une connexion dédiée par canal écouté : LISTEN vit aussi longtemps que la connexion.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      });
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return () => client.end();
    },
    close: () => pool.end(),
  };
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const pgdata = path.join(dataDir, 'pgdata');
  refuseForeignDirectory(pgdata);
  fs.mkdirSync(pgdata, { recursive: true });
  const release = acquireLock(`${pgdata}.lock`);
  try {
    const client = await inStructureTimeZone(
      await PGlite.create({ dataDir: pgdata, extensions: PGLITE_EXTENSIONS, startParams: PGLITE_START }),
    );
    return wrapPglite(client, release);
  } catch (error) {
    release();
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseOpenError(`Impossible d'ouvrir la base embarquée dans ${pgdata} : ${reason}`);
  }
}

/** La seule connexion de PGlite compte les jours et les mois dans le fuseau de la structure. */
async function inStructureTimeZone(client: PGlite) {
  await client.exec(`SET TIME ZONE '${timeZone()}'`);
  return client;
}

function wrapPglite(client: PGlite, release: () => void): Database {
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    app: db,
    exec: async (script) => {
      await client.exec(script);
    },
    exclusive: (work) => work(),
    listen: async (channel, onPayload) => {
      const unsubscribe = await client.listen(channel, onPayload);
      return () => unsubscribe();
    },
    close: async () => {
      await client.close();
      release();
    },
    dump: async () => client.dumpDataDir('none'),
  };
}

/** Ne jamais écraser un dossier qui n'est pas une base PGlite. */
function refuseForeignDirectory(pgdata: string) {
  if (!fs.existsSync(pgdata)) return;
  const entries = fs.readdirSync(pgdata);
  if (entries.length > 0 && !entries.includes('PG_VERSION')) {
    throw new DatabaseOpenError(`Le dossier ${pgdata} existe mais ne contient pas de base PostgreSQL : Relais refuse de l'écraser.`);
  }
}

/** PGlite ne supporte qu'un processus à la fois sur un même dossier. */
function acquireLock(lockPath: string): () => void {
  try {
    fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(fs.readFileSync(lockPath, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new DatabaseOpenError(`La base embarquée est déjà utilisée par le processus ${holder} (Relais démarré ?). Arrêtez-le d'abord.`);
    }
    fs.writeFileSync(lockPath, String(process.pid));
  }
  return () => fs.rmSync(lockPath, { force: true });
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function redact(url: string) {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Lignes d'une requête SQL brute (statistiques, catalogue), quel que soit le pilote. */
export async function sqlRows<T = Record<string, unknown>>(runner: Pick<Db, 'execute'>, query: SQL): Promise<T[]> {
  const result = (await runner.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Violation d'unicité (23505), que l'erreur vienne du pilote ou qu'elle soit enveloppée par Drizzle. */
export function isUniqueViolation(error: unknown): boolean {
  return hasSqlState(error, '23505');
}

/** Une contrainte d'exclusion refusée (23P01) : deux rendez-vous d'un agent sur le même temps, par exemple. */
export function isExclusionViolation(error: unknown): boolean {
  return hasSqlState(error, '23P01');
}

/** L'erreur (ou sa cause) porte cet état SQL, et, si `constraint` est donnée, vient de cette contrainte. */
export function hasSqlState(error: unknown, code: string, constraint?: string): boolean {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code: state, constraint: name } = e as { code?: unknown; constraint?: unknown };
    if (state === code && (constraint === undefined || name === constraint)) return true;
  }
  return false;
}
