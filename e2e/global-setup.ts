// Démarre Relais construit (comme `npm start`) sur un port libre, en démonstration :
// base PGlite neuve dans un dossier temporaire, ou base neuve sur le serveur de DATABASE_URL.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { withDatabase } from '../test/global-setup';
import { adminUrl } from '../test/server-database';
import { applicationRoleName } from '../app/db/app-role.server';
import { freePort, waitForHealth } from '../test/relais-process';

const root = path.resolve(import.meta.dirname, '..');

export default async function setup(project: TestProject) {
  execFileSync('node', ['scripts/build-if-needed.mjs'], { cwd: root, stdio: 'inherit' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    RELAIS_DEMO: '1',
    SIGNIN_RATE_LIMIT: '1000',
    RELAIS_WORKER_INTERVAL: '5',
    // La sauvegarde de la nuit a ses tests ; ici elle occuperait la base embarquée pendant les parcours.
    BACKUP_KEEP_DAILY: '0',
    BACKUP_KEEP_WEEKLY: '0',
  };
  delete env.NODE_ENV;
  let dropDatabase = async () => {};
  if (process.env.DATABASE_URL) {
    const name = `relais_e2e_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl(process.env.DATABASE_URL) });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    env.DATABASE_URL = withDatabase(process.env.DATABASE_URL, name);
    dropDatabase = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${applicationRoleName(name)}`);
      await admin.end();
    };
  }
  const logFile = path.join(dataDir, 'serveur.log');
  const log = fs.openSync(logFile, 'a');
  const server = spawn('node', ['build/server/main.js'], { cwd: root, env, stdio: ['ignore', log, log] });
  const baseUrl = `http://127.0.0.1:${port}`;
  // Le semis de la démonstration prend ~25 s seul, bien plus quand la machine est chargée : une attente large.
  await waitForHealth(baseUrl, server, logFile, 240_000);
  project.provide('baseUrl', baseUrl);
  project.provide('dataDir', dataDir);
  project.provide('serverLog', logFile);
  return async () => {
    // Un serveur déjà arrêté (tombé pendant les parcours) n'émettra plus « exit » : l'attendre bloquerait la CI.
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await dropDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
    serverLog: string;
  }
}
