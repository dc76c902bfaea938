// Sauvegarder et restaurer Relais : toute la base lue dans un seul instantané (REPEATABLE READ, comme pg_dump), sans
// arrêter le serveur, et les fichiers chiffrés du coffre-fort, lus dans le stockage configuré (DATA_DIR/files ou S3)
// après l'instantané : un papier déjà retiré en base n'y manque jamais. La restauration se fait dans une base vide, en une seule
// transaction, puis vérifie chaque table contre l'empreinte de l'archive : tout ou rien.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { sql } from 'drizzle-orm';
import { sqlRows, type Database, type Tx } from '../../db/database.server';
import { migrate, MIGRATIONS_FOLDER } from '../../db/migrate.server';
import { isStorageName, type FileStorage } from '../file-storage.server';
import { BackupRefusal, type BackupContent, type TableDump } from './archive.server';

interface Journal {
  entries: Array<{ idx: number; tag: string }>;
}
const journalOf = (folder: string) => JSON.parse(fs.readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8')) as Journal;

/** Les migrations que connaît cette version de Relais. */
export const knownMigrations = () => journalOf(MIGRATIONS_FOLDER).entries;

async function tablesOf(tx: Tx) {
  const rows = await sqlRows<{ name: string }>(
    tx,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  return rows.map((r) => r.name);
}

/**
 * L'empreinte d'une table : md5 des md5 de ses lignes, triés (celle de l'archive, et celle des tests qui prouvent « rien
 * n'a changé »). Trier 32 caractères par ligne, et non les lignes entières, garde petite la mémoire de la base
 * embarquée, dont le tas WebAssembly ne rend jamais ce qu'il a pris. `version` 1 : celle des premières archives.
 */
export const tableChecksum = async (tx: Tx, table: string, version: 1 | 2 = 2) =>
  (
    await sqlRows<{ sum: string }>(
      tx,
      sql.raw(
        version === 2
          ? `select md5(coalesce(string_agg(h, '' order by h), '')) as sum from (select md5(t::text) as h from "${table}" t) r`
          : `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from "${table}" t`,
      ),
    )
  )[0]!.sum;

/** Lignes lues par lot : la base embarquée ne tient jamais toute une table en un seul résultat. */
const DUMP_BATCH = 2000;

async function tableRows(tx: Tx, table: string) {
  const rows: unknown[] = [];
  for (let after = '(0,0)'; ;) {
    const batch = await sqlRows<{ pos: string; row: unknown }>(
      tx,
      sql`select ctid::text as pos, to_json(t) as row from ${sql.identifier(table)} t
          where ctid > ${after}::tid order by ctid limit ${DUMP_BATCH}`,
    );
    for (const { row } of batch) rows.push(row);
    if (batch.length < DUMP_BATCH) return rows;
    after = batch.at(-1)!.pos;
  }
}

async function appliedMigrations(tx: Tx) {
  const [row] = await sqlRows<{ n: number }>(tx, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return row?.n ?? 0;
}

/** Lit toute la base dans un seul instantané, puis les fichiers du stockage. */
export async function dumpInstance(database: Database, storage: FileStorage, now: Date): Promise<BackupContent> {
  const { tables, migrations } = await database.db.transaction(
    async (tx) => {
      const dumps: TableDump[] = [];
      for (const name of await tablesOf(tx)) {
        dumps.push({ name, rows: await tableRows(tx, name), checksum: await tableChecksum(tx, name) });
      }
      return { tables: dumps, migrations: await appliedMigrations(tx) };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  const last = knownMigrations()[migrations - 1]?.tag ?? '';
  return { createdAt: now.toISOString(), schema: { migrations, last }, tables, checksums: 2, files: await readFiles(storage) };
}

async function readFiles(storage: FileStorage): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of await storage.list()) {
    const body = await storage.get(name);
    // Retiré entre la liste et la lecture : le ménage du coffre n'efface qu'un fichier dont la clé est déjà détruite.
    if (body) files[name] = (await buffer(body)).toString('base64');
  }
  return files;
}

/** Le nom d'un fichier dans l'archive ; les premières archives le rangeaient sous « ab/<nom> » (dossier local). */
const storedName = (key: string) => key.split('/').at(-1) ?? '';

/**
 * Restaure l'archive dans une base vide : schéma migré jusqu'à la version de l'archive, lignes insérées table par
 * table (déclencheurs coupés : les compteurs viennent de l'archive), séquences recalées, empreintes vérifiées ; puis
 * les migrations plus récentes de cette version de Relais. Une erreur annule tout.
 */
export async function restoreInstance(target: Database, content: BackupContent, storage: FileStorage) {
  const known = knownMigrations();
  if (
    content.schema.migrations > known.length ||
    (content.schema.last && known[content.schema.migrations - 1]?.tag !== content.schema.last)
  )
    throw new BackupRefusal(
      `Cette sauvegarde vient d'une version plus récente de Relais (schéma « ${content.schema.last} ») : mettez Relais à jour avant de la restaurer.`,
    );
  await refuseNonEmpty(target);
  if ((await storage.list()).length > 0)
    throw new BackupRefusal(
      'Le stockage des fichiers (DATA_DIR/files ou le compartiment S3) en contient déjà : la restauration se fait dans un stockage vide.',
    );
  const refused = Object.keys(content.files).find((key) => !isStorageName(storedName(key)));
  if (refused !== undefined) throw new BackupRefusal(`Chemin de fichier refusé : ${refused}`);
  await migrate(target, migrationsUpTo(content.schema.migrations));
  await target.db.transaction(async (tx) => {
    const tables = await tablesOf(tx);
    const missing = content.tables.filter((t) => !tables.includes(t.name)).map((t) => t.name);
    if (missing.length) throw new BackupRefusal(`Tables inconnues de ce schéma : ${missing.join(', ')}.`);
    for (const name of tables) await tx.execute(sql.raw(`alter table "${name}" disable trigger user`));
    for (const table of await insertionOrder(tx, content.tables)) await insertRows(tx, table);
    for (const name of tables) await tx.execute(sql.raw(`alter table "${name}" enable trigger user`));
    await resetSequences(tx);
    for (const table of content.tables) {
      const sum = await tableChecksum(tx, table.name, content.checksums ?? 1);
      if (sum !== table.checksum) throw new Error(`Restauration : la table ${table.name} ne correspond pas à la sauvegarde.`);
    }
  });
  await migrate(target);
  for (const [key, data] of Object.entries(content.files)) await storage.put(storedName(key), Readable.from([Buffer.from(data, 'base64')]));
}

async function refuseNonEmpty(target: Database) {
  const filled = await target.db.transaction(async (tx) => {
    const tables = await tablesOf(tx);
    for (const name of tables) {
      const [row] = await sqlRows<{ any: boolean }>(tx, sql.raw(`select exists (select 1 from "${name}") as any`));
      if (row?.any) return name;
    }
    return null;
  });
  if (filled)
    throw new BackupRefusal(
      `La base cible n'est pas vide (table ${filled}) : la restauration se fait dans une base neuve. Rien n'a été écrit.`,
    );
}

/** Un dossier de migrations arrêté à la version de l'archive (le journal de drizzle tronqué). */
function migrationsUpTo(count: number) {
  const folder = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'relais-migrations-'));
  fs.cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journal = journalOf(MIGRATIONS_FOLDER);
  fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
  return folder;
}

/** Les tables dans l'ordre de leurs clés étrangères : une ligne ne précède jamais celle qu'elle référence. */
async function insertionOrder(tx: Tx, tables: TableDump[]) {
  const edges = await sqlRows<{ child: string; parent: string }>(
    tx,
    sql`select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
        from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where c.contype = 'f' and n.nspname = 'public' and c.conrelid <> c.confrelid`,
  );
  const clean = (name: string) => name.replace(/^public\./, '').replace(/"/g, '');
  const ordered: TableDump[] = [];
  const pending = new Map(tables.map((t) => [t.name, t]));
  while (pending.size > 0) {
    const ready = [...pending.values()].filter((t) => !edges.some((e) => clean(e.child) === t.name && pending.has(clean(e.parent))));
    if (ready.length === 0) throw new Error(`Restauration : clés étrangères circulaires entre ${[...pending.keys()].join(', ')}.`);
    for (const table of ready) {
      ordered.push(table);
      pending.delete(table.name);
    }
  }
  return ordered;
}

async function insertRows(tx: Tx, table: TableDump) {
  for (let i = 0; i < table.rows.length; i += 2000) {
    const chunk = JSON.stringify(table.rows.slice(i, i + 2000));
    const name = sql.identifier(table.name);
    await tx.execute(sql`insert into ${name} overriding system value select * from json_populate_recordset(null::${name}, ${chunk}::json)`);
  }
}

async function resetSequences(tx: Tx) {
  const identities = await sqlRows<{ table_name: string; column_name: string }>(
    tx,
    sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and is_identity = 'YES'`,
  );
  for (const { table_name: table, column_name: column } of identities)
    await tx.execute(
      sql.raw(
        `select setval(pg_get_serial_sequence('"${table}"', '${column}'), coalesce((select max("${column}") from "${table}"), 0) + 1, false)`,
      ),
    );
}
