// Rien de perdu quand le processus meurt : 500 écritures simultanées (arrivées dans la file, sollicitations prises
// de la file, actes sous mandat), le serveur tué par SIGKILL au milieu puis relancé tel quel. Chaque écriture
// confirmée au navigateur est là, aucune n'est à moitié écrite, le journal des mandats se vérifie, et le serveur
// repart sans geste de l'exploitant (verrou périmé de la base embarquée). Puis SIGTERM : les requêtes en cours
// finissent avant l'arrêt. Sur la base embarquée, ou sur le serveur de DATABASE_URL.
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, sqlRows, type Database } from '../app/db/database.server';
import { verifyJournals } from '../app/capabilities/mandates/journal.server';
import { CONSENT_ITEMS } from '../app/capabilities/mandates/vocabulary';
import { toLocalInput } from '../app/platform/time';
import {
  commonSolicitation,
  freshInstance,
  instanceEnv,
  postForm,
  signInOverHttp,
  startWeb,
  type RelaisProcess,
} from '../test/relais-process';

const WRITES = 500;
/** Le serveur est tué quand ce nombre d'écritures a été confirmé : au milieu de la rafale. */
const KILL_AFTER = 150;

type Write = { kind: 'arrivee' | 'file' | 'acte'; marker: string; fields: Record<string, string | string[]> };

describe('arrêt brutal pendant les écritures', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it(
    `${WRITES} écritures simultanées, SIGKILL au milieu : aucune écriture confirmée perdue, rien à moitié, redémarrage seul`,
    { timeout: 300_000 },
    async () => {
      const instance = await freshInstance('arret');
      cleanups.push(instance.drop);
      // Le worker intégré reste en marche, comme en production.
      const env = instanceEnv(instance, { RELAIS_WORKER_INTERVAL: '2' });
      const logFile = path.join(instance.dataDir, 'serveur.log');
      let web = await startWeb(env, logFile);
      cleanups.push(() => stopIfRunning(web));
      const session = await signInOverHttp(web.url, 'mediation@alpha.test');

      // De quoi écrire : des personnes d'Alpha, le lieu d'accueil, et 120 arrivées à prendre pendant la rafale.
      const search = await (await fetch(`${web.url}/sollicitations/nouvelle?q=ben`, { headers: { cookie: session.cookie } })).text();
      const personIds = [...new Set([...search.matchAll(/personne=([0-9a-f-]{36})/g)].map((m) => m[1]!))];
      expect(personIds.length).toBeGreaterThan(3);
      const form = await (
        await fetch(`${web.url}/sollicitations/nouvelle?personne=${personIds[0]}`, { headers: { cookie: session.cookie } })
      ).text();
      const site = /<option value="([0-9a-f-]{36})" selected="">/.exec(form.slice(form.indexOf('name="site"')))?.[1] ?? '';
      // La démonstration a déjà ses personnes qui attendent ce matin : seules nos 120 arrivées comptent.
      const queueIds = async () => {
        const queue = await (await fetch(`${web.url}/accueil`, { headers: { cookie: session.cookie } })).text();
        return [...new Set([...queue.matchAll(/name="entree" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!))];
      };
      const waitingBefore = new Set(await queueIds());
      for (let i = 0; i < 120; i++) {
        const response = await postForm(`${web.url}/accueil`, session, {
          intent: 'arrivee',
          displayName: `Attente ${i}`,
          reason: 'Dossier CAF',
        });
        expect(response.status).toBe(302);
      }
      const entryIds = (await queueIds()).filter((id) => !waitingBefore.has(id));
      expect(entryIds.length).toBe(120);

      const writes = plannedWrites({ personIds, entryIds, site });
      const acknowledged: Write[] = [];
      const refused: string[] = [];
      let killed = false;
      await Promise.all(
        writes.map(async (write) => {
          const target = write.kind === 'arrivee' ? '/accueil' : '/sollicitations/nouvelle';
          const response = await postForm(`${web.url}${target}`, session, write.fields).catch(() => null);
          if (!response) return; // connexion coupée par l'arrêt : jamais confirmée
          await response.arrayBuffer().catch(() => null);
          if (response.status !== 302) return void refused.push(`${write.marker} : ${response.status}`);
          acknowledged.push(write);
          if (acknowledged.length >= KILL_AFTER && !killed) {
            killed = true;
            web.child.kill('SIGKILL');
          }
        }),
      );
      expect(killed, 'le serveur a été tué pendant la rafale').toBe(true);
      expect(refused, 'aucune écriture refusée avant l’arrêt').toEqual([]);
      expect(acknowledged.length).toBeLessThan(WRITES);
      expect((await web.exited).signal).toBe('SIGKILL');

      // Relancé tel quel : le verrou du processus mort et la reprise de PostgreSQL ne demandent rien à l'exploitant.
      web = await startWeb(env, logFile);
      const again = await signInOverHttp(web.url, 'mediation@alpha.test');
      expect((await fetch(`${web.url}/accueil`, { headers: { cookie: again.cookie } })).status).toBe(200);
      web.child.kill('SIGTERM');
      expect(await web.exited).toEqual({ code: 0, signal: null });

      const database = await reopen(instance);
      try {
        await expectNothingLostNorHalf(database, acknowledged);
      } finally {
        await database.close();
      }
    },
  );

  it('SIGTERM : les requêtes en cours finissent, puis le processus sort (code 0)', { timeout: 180_000 }, async () => {
    const instance = await freshInstance('drain');
    cleanups.push(instance.drop);
    // Sans worker : sa première purge de l'histoire de démonstration occuperait la base embarquée pendant l'essai.
    const web = await startWeb(instanceEnv(instance, { RELAIS_WORKER_INTERVAL: '0' }), path.join(instance.dataDir, 'serveur.log'));
    cleanups.push(() => stopIfRunning(web));
    const session = await signInOverHttp(web.url, 'accueil@alpha.test');
    const sent = Array.from({ length: 60 }, (_, i) =>
      postForm(`${web.url}/accueil`, session, { intent: 'arrivee', displayName: `Arrêt ${i}`, reason: 'Impôts' }).then(
        (r) => r.status,
        (e: Error) => String((e.cause as { code?: string })?.code ?? e.message),
      ),
    );
    await new Promise((r) => setTimeout(r, 200)); // les requêtes sont parties, le serveur les traite
    web.child.kill('SIGTERM');
    const statuses = await Promise.all(sent);
    expect(
      statuses.filter((s) => s !== 302),
      'chaque requête reçue a sa réponse',
    ).toEqual([]);
    expect(await web.exited).toEqual({ code: 0, signal: null });
    const database = await reopen(instance);
    try {
      const [row] = await sqlRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from queue_entries where display_name like 'Arrêt %'`,
      );
      expect(row!.n).toBe(60);
    } finally {
      await database.close();
    }
  });
});

function plannedWrites({ personIds, entryIds, site }: { personIds: string[]; entryIds: string[]; site: string }): Write[] {
  // Une heure passée : une sollicitation ne peut pas être datée du futur.
  const occurredAt = toLocalInput(new Date(Date.now() - 60 * 60_000));
  const solicitation = (personId: string, marker: string) => commonSolicitation(site, personId, occurredAt, marker);
  return Array.from({ length: WRITES }, (_, i): Write => {
    const personId = personIds[i % personIds.length]!;
    if (i % 3 === 0) {
      const marker = `Rafale ${i}`;
      return { kind: 'arrivee', marker, fields: { intent: 'arrivee', displayName: marker, reason: 'Carte grise' } };
    }
    if (i % 3 === 1 && entryIds.length > 0) {
      const marker = `rafale-file-${i}`;
      return { kind: 'file', marker, fields: { ...solicitation(personId, marker), mode: 'accompagne', file: entryIds.pop()! } };
    }
    const marker = `rafale-acte-${i}`;
    return {
      kind: 'acte',
      marker,
      fields: {
        ...solicitation(personId, marker),
        mode: 'fait_a_la_place',
        mandateArea: 'social',
        onlineService: 'caf.fr',
        actDone: 'Déclaration trimestrielle envoyée',
        mandatJour: 'oui',
        mandatConsent: Object.keys(CONSENT_ITEMS),
        mandatProtection: 'aucune',
        mandatSignataire: 'Personne Accompagnée',
        mandatSigne: 'oui',
      },
    };
  });
}

async function expectNothingLostNorHalf(database: Database, acknowledged: Write[]) {
  const rows = <T>(query: ReturnType<typeof sql>) => sqlRows<T>(database.db, query);
  const arrivals = new Set(
    (await rows<{ name: string }>(sql`select display_name as name from queue_entries where display_name like 'Rafale %'`)).map(
      (r) => r.name,
    ),
  );
  const logged = new Set(
    (await rows<{ marker: string }>(sql`select procedure as marker from solicitations where procedure like 'rafale-%'`)).map(
      (r) => r.marker,
    ),
  );
  const lost = acknowledged.filter((w) => !(w.kind === 'arrivee' ? arrivals : logged).has(w.marker)).map((w) => w.marker);
  expect(lost, 'écritures confirmées puis perdues').toEqual([]);

  // Une sollicitation prise de la file a marqué l'arrivée comme prise, pour la même personne.
  const untaken = await rows(sql`select s.procedure from solicitations s join queue_entries q on q.id = s.queue_entry_id
    where s.procedure like 'rafale-file-%' and (q.taken_at is null or q.person_id is distinct from s.person_id)`);
  expect(untaken, 'sollicitations sans leur lien à la file').toEqual([]);
  // Un acte sous mandat : la sollicitation, son mandat d'un jour signé, et son maillon du journal.
  const withoutAct = await rows(sql`select s.procedure from solicitations s
    where s.procedure like 'rafale-acte-%' and not exists (
      select 1 from mandate_acts a join mandates m on m.structure_id = a.structure_id and m.id = a.mandate_id
      where a.solicitation_id = s.id and a.hash <> '' and m.signed_at is not null)`);
  expect(withoutAct, 'actes sans leur journal').toEqual([]);
  const orphanActs = await rows(sql`select a.seq from mandate_acts a
    where a.solicitation_id is not null and not exists (select 1 from solicitations s where s.id = a.solicitation_id)`);
  expect(orphanActs).toEqual([]);
  for (const report of await verifyJournals(database)) expect(report.check, report.slug).toMatchObject({ ok: true });
  // Les compteurs mensuels (déclencheurs) : toujours la somme exacte des sollicitations.
  const drift = await rows(sql`select c.structure_id, c.month, c.mode from solicitation_month_counts c
    where c.count <> (select count(*) from solicitations s where s.structure_id = c.structure_id and s.mode = c.mode
      and date_trunc('month', s.occurred_at at time zone 'Europe/Paris')::date = c.month)`);
  expect(drift, 'compteurs mensuels décalés').toEqual([]);
}

function reopen(instance: { dataDir: string; databaseUrl: string | null }) {
  return instance.databaseUrl
    ? openDatabase({ kind: 'postgresql', url: instance.databaseUrl })
    : openDatabase({ kind: 'pglite', dataDir: instance.dataDir });
}

async function stopIfRunning(process: RelaisProcess) {
  if (process.child.exitCode !== null || process.child.signalCode !== null) return;
  process.child.kill('SIGTERM');
  await process.exited;
}
