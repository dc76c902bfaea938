// Prépare une base migrée une fois pour toute la suite ; chaque test en obtient une copie propre
// (archive PGlite rechargée, ou CREATE DATABASE … TEMPLATE sur le serveur de DATABASE_URL).
// Construit aussi l'application si besoin, une fois : les tests qui la servent (test/app.ts) ne la reconstruisent pas.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../app/db/database.server';
import { migrate } from '../app/db/migrate.server';
import { adminUrl, TEMPLATE_PREFIX } from './server-database';

const root = path.resolve(import.meta.dirname, '..');

export default async function setup(project: TestProject) {
  execFileSync('node', ['scripts/build-if-needed.mjs'], { cwd: root, stdio: 'inherit' });
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `${TEMPLATE_PREFIX}${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const database = await openDatabase({ kind: 'postgresql', url: withDatabase(url, name) });
    await migrate(database);
    await database.close();
    project.provide('templateDatabase', name);
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  const database = await openDatabase({ kind: 'pglite', memory: true });
  await migrate(database);
  const dump = await database.dump!();
  await database.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'relais-gabarit-')), 'gabarit.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('templateDatabase', file);
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

export function withDatabase(url: string, name: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
