// Une base propre par fichier de test, copiée du gabarit migré, et des services de test.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../app/db/database.server';
import { applicationRoleName, withApplicationRole } from '../app/db/app-role.server';

/** La clé dont se déduit le mot de passe du rôle de connexion des bases de test. */
const TEST_ROLE_KEY = Buffer.alloc(32, 7);
import { loadConfig } from '../app/platform/config.server';
import { localStorage } from '../app/platform/file-storage.server';
import type { Mail } from '../app/platform/mail.server';
import type { Sms } from '../app/platform/sms.server';
import type { Services } from '../app/platform/services.server';
import { withDatabase } from './global-setup';
import { adminUrl } from './server-database';

export async function createTestDatabase(): Promise<Database> {
  const template = inject('templateDatabase');
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase({ kind: 'pglite', memory: true, loadDataDir: new Blob([fs.readFileSync(template)]) });
  const name = `relais_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const owner = await openDatabase({ kind: 'postgresql', url: withDatabase(url, name) });
  // Comme en production : l'application passe par son rôle de connexion, pas par le propriétaire.
  const database = await withApplicationRole(owner, withDatabase(url, name), TEST_ROLE_KEY);
  return {
    ...database,
    close: async () => {
      await database.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${applicationRoleName(name)}`);
      await admin.end();
    },
  };
}

export interface TestServices extends Services {
  sent: Mail[];
  texts: Sms[];
  clock: { now: Date };
}

export function testServices(database: Database, env: NodeJS.ProcessEnv = {}): TestServices {
  const events = { subscribe: () => () => {}, close: async () => {} };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-test-'));
  const sent: Mail[] = [];
  const texts: Sms[] = [];
  const clock = { now: new Date('2026-11-26T09:00:00Z') };
  return {
    config: loadConfig({ DATA_DIR: dataDir, RELAIS_DEMO: '0', ...env }),
    database,
    mail: async (mail) => {
      sent.push(mail);
    },
    sms: async (sms) => {
      texts.push(sms);
    },
    masterKey: crypto.randomBytes(32),
    rootKey: crypto.randomBytes(32),
    now: () => clock.now,
    events,
    files: localStorage(path.join(dataDir, 'files')),
    sent,
    texts,
    clock,
  };
}
