// La limite d'essais des formulaires qui éprouvent un secret (connexion, code, mot de passe oublié, nouveau mot de
// passe) vaut pour toutes les formes de leur adresse : celle de la page, et « .data » par laquelle React Router reçoit
// les envois faits avec JavaScript. Un serveur à part, à la limite basse, sur un dossier neuf.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../test/relais-process';

const root = path.resolve(import.meta.dirname, '..');
const LIMIT = 3;
let server: ChildProcess;
let base: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-limites-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    RELAIS_DEMO: '0',
    SIGNIN_RATE_LIMIT: String(LIMIT),
  };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  server = spawn('node', ['build/server/main.js'], { cwd: root, env, stdio: 'ignore' });
  const deadline = Date.now() + 60_000;
  while (
    Date.now() < deadline &&
    !(await fetch(`${base}/sante`).then(
      (r) => r.ok,
      () => false,
    ))
  )
    await new Promise((r) => setTimeout(r, 200));
}, 90_000);

afterAll(async () => {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const post = (url: string) =>
  fetch(`${base}${url}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'email=agent%40alpha.test&password=essai&code=123456',
  });

describe('limite des essais de secrets', () => {
  it('une fois la limite atteinte depuis une adresse, chaque forme de chaque adresse qui éprouve un secret répond 429 en français', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await post('/connexion')).status).not.toBe(429);
    const forms = [
      '/connexion',
      '/connexion.data',
      '/connexion/code',
      '/connexion/code.data',
      '/compte/double-authentification.data',
      '/mot-de-passe-oublie.data',
      '/mot-de-passe/nouveau.data?jeton=x',
      '/CONNEXION.data',
      '/connexion%2Edata',
      '/connexion/',
    ];
    const answers: Record<string, number> = {};
    for (const url of forms) {
      const response = await post(url);
      answers[url] = response.status;
      if (response.status === 429) expect(await response.text()).toContain('Trop de tentatives');
    }
    expect(answers).toEqual(Object.fromEntries(forms.map((url) => [url, 429])));
    // Une page qui n'éprouve pas de secret n'est pas concernée.
    expect((await fetch(`${base}/sante`)).status).toBe(200);
  });
});
