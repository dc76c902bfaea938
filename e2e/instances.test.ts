// Plusieurs instances sur un même serveur PostgreSQL (docs/exploitation.md, « Plusieurs instances ») : deux serveurs
// web démarrés ensemble et deux `relais worker`. Une session ouverte sur l'un sert sur l'autre, la file en direct
// passe d'une instance à l'autre (LISTEN/NOTIFY), et chaque travail, chaque message part une fois et une seule.
// Sans DATABASE_URL (base embarquée, un seul processus par dossier), ce test n'a pas d'objet.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  freshInstance,
  instanceEnv,
  postForm,
  signInOverHttp,
  startWeb,
  startWorkerProcess,
  type RelaisProcess,
} from '../test/relais-process';

const MESSAGES = 300;
const JOBS = 60;

describe.skipIf(!process.env.DATABASE_URL)('deux serveurs web et deux workers sur une même base', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('partagent les sessions, la file en direct, et font chaque travail une seule fois', { timeout: 300_000 }, async () => {
    const instance = await freshInstance('instances');
    cleanups.push(instance.drop);
    // Une même clé maîtresse pour toutes les instances (sessions, liens signés, rôle de l'application).
    const masterKey = crypto.randomBytes(32).toString('base64');
    const envOf = (name: string) => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `relais-${name}-`));
      cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
      return {
        dataDir,
        env: instanceEnv(
          { dataDir, databaseUrl: instance.databaseUrl },
          { RELAIS_MASTER_KEY: masterKey, RELAIS_WORKER_INTERVAL: '0', RELAIS_SSE_HEARTBEAT_MS: '500' },
        ),
      };
    };
    const track = (process: RelaisProcess) => {
      cleanups.push(async () => {
        if (process.child.exitCode === null && process.child.signalCode === null) process.child.kill('SIGKILL');
        await process.exited;
      });
      return process;
    };

    // Démarrés ensemble sur une base vide : une seule instance migre et sème la démonstration, l'autre attend.
    const [a, b] = await Promise.all(
      ['web-a', 'web-b'].map(async (name) => {
        const { env, dataDir } = envOf(name);
        return track(await startWeb(env, path.join(dataDir, 'serveur.log')));
      }),
    );
    const owner = new pg.Client({ connectionString: instance.databaseUrl! });
    await owner.connect();
    cleanups.push(() => owner.end());
    expect((await owner.query(`select count(*)::int as n from structures where slug = 'alpha'`)).rows[0].n).toBe(1);

    // Une session ouverte sur A sert sur B, formulaires compris (le jeton CSRF est lié à la session).
    const session = await signInOverHttp(a!.url, 'accueil@alpha.test');
    const onB = await fetch(`${b!.url}/accueil`, { headers: { cookie: session.cookie } });
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain('Nadia Benali'); // l'agent connecté sur A
    expect((await postForm(`${b!.url}/accueil`, session, { intent: 'arrivee', displayName: 'Venue sur B', reason: 'CAF' })).status).toBe(
      302,
    );

    // La file en direct : l'écran branché sur B apprend l'arrivée notée sur A.
    const stream = await fetch(`${b!.url}/accueil/evenements`, { headers: { cookie: session.cookie } });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    const heard = (async () => {
      let text = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return text;
        text += new TextDecoder().decode(value);
        if (text.includes('data: file')) return text;
      }
    })();
    await new Promise((r) => setTimeout(r, 300)); // l'abonnement de B est en place
    expect((await postForm(`${a!.url}/accueil`, session, { intent: 'arrivee', displayName: 'Venue sur A', reason: 'CAF' })).status).toBe(
      302,
    );
    const received = await Promise.race([heard, new Promise<string>((r) => setTimeout(() => r('rien en 10 s'), 10_000))]);
    expect(received).toContain('data: file');
    await reader.cancel();

    // Des messages et des travaux dus, puis deux workers qui tournent en même temps.
    const [{ id: alphaId }] = (await owner.query(`select id from structures where slug = 'alpha'`)).rows;
    const [{ id: betaId }] = (await owner.query(`select id from structures where slug = 'beta'`)).rows;
    await owner.query(
      `insert into outbox (structure_id, channel, recipient, subject, body, purpose, dedupe_key, run_at, created_at)
       select $1, 'email', 'destinataire-' || i || '@exemple.test', 'Envoi ' || i, 'Texte', 'essai', 'essai-' || i, now(), now()
       from generate_series(1, ${MESSAGES}) i`,
      [alphaId],
    );
    await owner.query(
      `insert into jobs (structure_id, kind, dedupe_key, payload, run_at, created_at)
       select case when i % 2 = 0 then $1::uuid else $2::uuid end, 'envois.menage', 'essai-menage-' || i, '{}', now(), now()
       from generate_series(1, ${JOBS}) i`,
      [alphaId, betaId],
    );
    const workers = ['worker-1', 'worker-2'].map((name) => {
      const { env, dataDir } = envOf(name);
      return { dataDir, process: track(startWorkerProcess(env, path.join(dataDir, 'worker.log'), 1)) };
    });
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { rows } = await owner.query(
        `select (select count(*)::int from outbox where purpose = 'essai' and status <> 'envoye')
              + (select count(*)::int from jobs where dedupe_key like 'essai-menage-%' and status <> 'fait') as left`,
      );
      if (rows[0].left === 0) break;
      if (Date.now() > deadline) throw new Error(`Encore ${rows[0].left} travaux ou messages après 2 minutes`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // SIGTERM : chaque worker finit son tour et s'arrête proprement.
    for (const worker of workers) worker.process.child.kill('SIGTERM');
    for (const worker of workers) expect(await worker.process.exited).toEqual({ code: 0, signal: null });

    // Chaque message est parti une fois et une seule (les e-mails sont écrits dans DATA_DIR/outbox de chaque worker).
    const subjectsBy = workers.map(({ dataDir }) => {
      const dir = path.join(dataDir, 'outbox');
      const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
      return files.flatMap((file) => /^Subject: (Envoi \d+)$/m.exec(fs.readFileSync(path.join(dir, file), 'utf8'))?.[1] ?? []);
    });
    const all = subjectsBy.flat();
    expect(all.length).toBe(MESSAGES);
    expect(new Set(all).size).toBe(MESSAGES);
    expect(
      subjectsBy.map((s) => s.length > 0),
      'les deux workers ont travaillé',
    ).toEqual([true, true]);
    const attempts = await owner.query(
      `select (select count(*)::int from outbox where purpose = 'essai' and attempts <> 1)
            + (select count(*)::int from jobs where dedupe_key like 'essai-menage-%' and attempts <> 1) as n,
              (select count(*)::int from jobs where status = 'en_cours') + (select count(*)::int from outbox where status = 'en_cours') as held`,
    );
    expect(attempts.rows[0]).toEqual({ n: 0, held: 0 });
  });
});
