// `npm run bench` : mesures du socle, écrites dans bench/results.json et affichées en tableau.
//   start.cold_s        : lancement du serveur → /sante 200, sur un dossier de données existant
//   page.signin_p95_ms  : connexion complète (POST /connexion → tableau de bord), 95e centile
//   memory.rss_mb       : mémoire résidente du serveur après la charge
//   demo.seed_s         : semis de l'histoire d'Alpha et de Beta sur PostgreSQL embarqué (base migrée, vide)
//   person.search_p95_ms : recherche d'une personne (3 lettres) dans l'histoire d'Alpha, 95e centile
//   reception.log_p95_ms : enregistrement d'une sollicitation (POST → redirection), 95e centile
//   reception.log_keys   : touches du cas courant au clavier, dans Chromium (parcours des tests e2e)
//   credentials.*       : rappel et taux de faux positifs du détecteur d'identifiants secrets, sur la moitié de mesure
//                         de son corpus, en tout et par catégorie
//   dashboard.alpha_p95_ms : page de pilotage du responsable d'Alpha (12 derniers mois), 95e centile
//   dashboard.alpha_site_p95_ms : la même page filtrée sur un lieu d'accueil (la permanence), 95e centile
//   dashboard.alpha_vs_groupby_ratio : indicateurs ÷ un GROUP BY mois nu sur les mêmes lignes, même processus
//   dashboard.national_p95_ms (avec DATABASE_URL) : indicateurs d'une structure parmi 250 (≈ 10 M sollicitations)
//   directory.search_p95_ms : recherche dans un annuaire de 10 000 lieux engendrés (besoin, ouverture, distance), 95e centile
//   portal.signin_p95_ms, portal.page_kb : le portail des habitants (bench/portal.ts)
//   vault.upload_mb_s, vault.download_p95_ms : le coffre-fort, un papier de 5 Mo (bench/vault.ts)
//   appointments.slots_p95_ms : créneaux libres d'un mois, 5 lieux × 3 médiateurs × 4 motifs (bench/appointments.ts)
//   load.rps, load.p95_ms, load.errors : 200 agents pendant 2 minutes sur un serveur PostgreSQL (bench/load.ts) ; celui
//                         de DATABASE_URL, sinon celui de 127.0.0.1:5432 s'il répond (une base neuve y est créée)
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDemo } from '../app/capabilities/demo/seed-demo.server';
import { eq, sql } from 'drizzle-orm';
import { seedNational } from '../app/capabilities/demo/national.server';
import { NATIONAL_CATALOG } from '../app/capabilities/reception/organisations';
import { parseFilters } from '../app/capabilities/steering/filters';
import { readIndicators } from '../app/capabilities/steering/indicators.server';
import { openDatabase, sqlRows, type Database } from '../app/db/database.server';
import { structures } from '../app/platform/schema';
import { operatorTransaction, transaction } from '../app/db/transaction.server';
import { migrate } from '../app/db/migrate.server';
import { placeValues } from '../app/capabilities/directory/places.server';
import { organisationCatalog } from '../app/capabilities/reception/organisations';
import { parseSearch } from '../app/capabilities/directory/rules';
import { searchPlaces } from '../app/capabilities/directory/search-places.server';
import { places } from '../app/capabilities/directory/schema';
import { generatePlaces } from './places-dataset';
import { toLocalInput } from '../app/platform/time';
import { launch } from '../e2e/chromium';
import { logCommonCase } from '../e2e/journeys';
import { notesOf } from '../app/platform/credentials-corpus';
import { measureDetector } from '../app/platform/credentials-corpus/measure';
import { measureLoad } from './load';
import { firstVisitBytes, openBenchSpaces, timedPortalSignIn } from './portal';
import { vaultFigures } from './vault';
import { slotsFigures } from './appointments';
import { commonSolicitation, signInOverHttp } from '../test/relais-process';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const PORT = Number(process.env.BENCH_PORT ?? 3999);
const base = `http://127.0.0.1:${PORT}`;
const SIGNINS = Number(process.env.BENCH_SIGNINS ?? 60);
const PORTAL_SIGNINS = 18;

type Result = Record<string, { value: number; unit: 'ms' | 'rps' | 'MB' | 'MB/s' | 'KB' | 'count' | 'ratio' | 's' }>;

function startServer(dataDir: string): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    DATA_DIR: dataDir,
    RELAIS_DEMO: '1',
    SIGNIN_RATE_LIMIT: '100000',
    // Le SMS d'un code part au tour suivant du worker : chaque seconde, pour que le bench n'attende pas.
    RELAIS_WORKER_INTERVAL: '1',
    // La sauvegarde de la nuit se ferait au premier tour du worker (après 2 h) et tiendrait la base embarquée
    // plusieurs secondes : les mesures porteraient sur elle. Elle est mesurée à part (relais backup).
    BACKUP_KEEP_DAILY: '0',
    BACKUP_KEEP_WEEKLY: '0',
  };
  delete env.NODE_ENV;
  // Les mesures d'Alpha se font toujours sur la base embarquée ; DATABASE_URL sert à la mesure nationale.
  delete env.DATABASE_URL;
  return spawn('node', ['build/server/main.js'], { cwd: root, env, stdio: 'ignore' });
}

async function waitHealthy(server: ChildProcess) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error('Le serveur s’est arrêté pendant le démarrage.');
    if (
      await fetch(`${base}/sante`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('Le serveur ne répond pas.');
}

async function stop(server: ChildProcess) {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
}

const cookieJar = (response: Response, jar: Map<string, string>) => {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, value] = pair!.split('=');
    jar.set(name!, value ?? '');
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
};

const signedInCookie = (email: string) => signInOverHttp(base, email);

async function timed(run: () => Promise<void>) {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function receptionFigures(results: Result) {
  const { cookie, csrf } = await signedInCookie('mediation@alpha.test');
  const queries = ['ben', 'mar', 'dub', 'lef', 'tra', 'haj', 'mou', 'gar', 'nguy', 'fon'];
  const searches: number[] = [];
  let personIds: string[] = [];
  for (let i = 0; i < 60; i++) {
    const q = queries[i % queries.length]!;
    searches.push(
      await timed(async () => {
        const html = await (await fetch(`${base}/sollicitations/nouvelle?q=${q}`, { headers: { cookie } })).text();
        personIds = [...html.matchAll(/personne=([0-9a-f-]{36})/g)]
          .map((m) => m[1]!)
          .concat(personIds)
          .slice(0, 50);
      }),
    );
  }
  results['person.search_p95_ms'] = { value: round(percentile(searches.slice(10), 95), 1), unit: 'ms' };
  const logs: number[] = [];
  // Une heure passée (il y a une heure) : une sollicitation ne peut pas être datée du futur, et le bench tourne à toute heure.
  const local = toLocalInput(new Date(Date.now() - 60 * 60_000));
  // Le lieu d'accueil que le formulaire propose (Alpha reçoit en deux lieux), envoyé comme le ferait le navigateur.
  const form = await (await fetch(`${base}/sollicitations/nouvelle?personne=${personIds[0]}`, { headers: { cookie } })).text();
  const site = /<option value="([0-9a-f-]{36})" selected="">/.exec(form.slice(form.indexOf('name="site"')))?.[1] ?? '';
  for (let i = 0; i < 60; i++) {
    const body = new URLSearchParams({ csrf, ...commonSolicitation(site, personIds[i % personIds.length]!, local) });
    logs.push(
      await timed(async () => {
        const response = await fetch(`${base}/sollicitations/nouvelle`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
        if (response.status !== 302) throw new Error(`Sollicitation refusée (${response.status})`);
      }),
    );
  }
  results['reception.log_p95_ms'] = { value: round(percentile(logs.slice(10), 95), 1), unit: 'ms' };

  const browser = await launch();
  try {
    const context = await browser.newContext({ baseURL: base, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto('/connexion');
    await page.getByLabel('Adresse e-mail').fill('mediation@alpha.test');
    await page.getByLabel('Mot de passe', { exact: true }).fill('relais-demo');
    await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.getByRole('button', { name: 'Se connecter' }).click()]);
    results['reception.log_keys'] = { value: await logCommonCase(page), unit: 'count' };
  } finally {
    await browser.close();
  }
}

/** Le tableau de bord du responsable d'Alpha (12 derniers mois), page complète rendue par le serveur. */
async function dashboardFigures(results: Result) {
  const { cookie } = await signedInCookie('direction@alpha.test');
  const times: number[] = [];
  for (let i = 0; i < 70; i++)
    times.push(
      await timed(async () => {
        const response = await fetch(`${base}/pilotage`, { headers: { cookie } });
        if (response.status !== 200) throw new Error(`Pilotage refusé (${response.status})`);
        await response.text();
      }),
    );
  results['dashboard.alpha_p95_ms'] = { value: round(percentile(times.slice(10), 95), 1), unit: 'ms' };
  results['dashboard.alpha_median_ms'] = { value: round(median(times.slice(10)), 1), unit: 'ms' };

  // Filtré sur un lieu d'accueil (la permanence) : l'histoire relit les lignes au lieu des compteurs mensuels.
  const page = await (await fetch(`${base}/pilotage`, { headers: { cookie } })).text();
  const site = /<option value="([0-9a-f-]{36})">Mairie annexe des Fontaines<\/option>/.exec(page)?.[1];
  if (!site) throw new Error("Le filtre « Lieu d'accueil » n'a pas la permanence de la démonstration.");
  const filtered: number[] = [];
  for (let i = 0; i < 40; i++)
    filtered.push(
      await timed(async () => {
        const response = await fetch(`${base}/pilotage?lieu=${site}`, { headers: { cookie } });
        if (response.status !== 200) throw new Error(`Pilotage refusé (${response.status})`);
        await response.text();
      }),
    );
  results['dashboard.alpha_site_p95_ms'] = { value: round(percentile(filtered.slice(5), 95), 1), unit: 'ms' };
}

/**
 * Sur un serveur PostgreSQL (DATABASE_URL) : le jeu national (250 structures × 40 000 sollicitations, engendré s'il
 * manque) et les indicateurs d'une de ses structures, 12 derniers mois, 95e centile.
 */
async function nationalFigures(url: string, results: Result) {
  const database = await openDatabase({ kind: 'postgresql', url });
  try {
    await migrate(database);
    const started = performance.now();
    const created = await seedNational(database, 250, new Date(), (line) => console.log(line));
    if (created > 0) results['national.seed_s'] = { value: round((performance.now() - started) / 1000, 1), unit: 's' };
    const [structure] = await operatorTransaction(database, (tx) =>
      tx.select().from(structures).where(eq(structures.slug, 'national-125')),
    );
    const [total] = await operatorTransaction(database, (tx) =>
      sqlRows<{ n: number }>(tx, sql`select count(*)::int as n from solicitations`),
    );
    results['national.solicitations'] = { value: total?.n ?? 0, unit: 'count' };
    const actor = { structureId: structure!.id, userId: null };
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    const filters = parseFilters(new URLSearchParams(), today, NATIONAL_CATALOG, []).filters;
    const times: number[] = [];
    for (let i = 0; i < 30; i++)
      times.push(await timed(() => transaction(database, actor, (tx) => readIndicators(tx, structure!.id, filters)).then(() => {})));
    results['dashboard.national_p95_ms'] = { value: round(percentile(times.slice(5), 95), 1), unit: 'ms' };
  } finally {
    await database.close();
  }
}

/**
 * Le coût des indicateurs rapporté à une seule agrégation nue par mois sur les mêmes lignes (toute l'histoire
 * d'Alpha), dans le même processus : la mesure ne dépend pas de la vitesse de la machine.
 */
async function dashboardRatio(database: Database, results: Result) {
  const [alpha] = await operatorTransaction(database, (tx) => tx.select().from(structures).where(eq(structures.slug, 'alpha')));
  const actor = { structureId: alpha!.id, userId: null };
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
  const filters = parseFilters(new URLSearchParams(), today, NATIONAL_CATALOG, []).filters;
  const indicators: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 12; i++) {
    indicators.push(await timed(() => transaction(database, actor, (tx) => readIndicators(tx, alpha!.id, filters)).then(() => {})));
    bare.push(
      await timed(() =>
        transaction(database, actor, (tx) =>
          tx.execute(
            sql`select date_trunc('month', occurred_at), count(*) from solicitations where structure_id = ${alpha!.id} group by 1`,
          ),
        ).then(() => {}),
      ),
    );
  }
  results['dashboard.alpha_vs_groupby_ratio'] = { value: round(median(indicators.slice(2)) / median(bare.slice(2)), 2), unit: 'ratio' };
}

/**
 * L'annuaire d'une structure de 10 000 lieux (une métropole) : les recherches d'un médiateur qui oriente, du cas
 * simple (tout, du plus proche) au plus coûteux (besoin + ouvert maintenant + distance), dans le même processus.
 */
async function directoryFigures(database: Database, results: Result) {
  const structureId = await operatorTransaction(database, async (tx) => {
    const [row] = await tx
      .insert(structures)
      .values({ slug: 'bench-annuaire', name: 'Annuaire de mesure', latitude: 47.3941, longitude: 0.6848 })
      .returning();
    const generated = generatePlaces(10_000, { latitude: 47.3941, longitude: 0.6848 });
    for (let i = 0; i < generated.length; i += 1000)
      await tx.insert(places).values(generated.slice(i, i + 1000).map(({ place, extras }) => placeValues(row!.id, place, extras)));
    return row!.id;
  });
  await database.exec('ANALYZE places');
  const actor = { structureId, userId: '00000000-0000-0000-0000-000000000000', role: 'mediateur' as const };
  const catalog = organisationCatalog();
  const queries = [
    'besoin=organisme:caf&ouvert=maintenant&depuis=structure',
    'depuis=structure&rayon=5',
    'besoin=service:Aide aux démarches administratives&depuis=structure',
    'public=Seniors&ouvert=jour&jour=2026-12-05&depuis=structure',
    'q=france services',
    '',
  ].map((q) => parseSearch(new URLSearchParams(q), catalog, ['CCAS']).search);
  // Un mardi à 10 h : la plupart des lieux sont ouverts, le filtre d'ouverture a du travail.
  const now = new Date('2026-12-01T10:00:00');
  const times: number[] = [];
  for (let i = 0; i < 120; i++)
    times.push(
      await timed(() =>
        transaction(database, actor, (tx) => searchPlaces({ tx, actor, now }, queries[i % queries.length]!)).then(() => {}),
      ),
    );
  results['directory.search_p95_ms'] = { value: round(percentile(times.slice(12), 95), 1), unit: 'ms' };
  results['directory.search_median_ms'] = { value: round(median(times.slice(12)), 1), unit: 'ms' };
}

async function timedSignIn(email: string) {
  const jar = new Map<string, string>();
  const page = await fetch(`${base}/connexion`);
  const html = await page.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
  let cookie = cookieJar(page, jar);
  const started = performance.now();
  const post = await fetch(`${base}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, email, password: 'relais-demo' }),
  });
  if (post.status !== 302) throw new Error(`Connexion refusée (${post.status})`);
  cookie = cookieJar(post, jar);
  const home = await fetch(`${base}/`, { headers: { cookie }, redirect: 'follow' });
  if (!(await home.text()).includes('Bonjour')) throw new Error('Tableau de bord non atteint');
  return performance.now() - started;
}

/**
 * Le portail : une connexion par code par habitant (5 codes par contact et 20 par adresse IP dans l'heure : 18
 * connexions, toutes mesurées), puis le poids des pages, l'histoire la plus longue comprise.
 */
async function portalFigures(results: Result, dataDir: string, phones: string[]) {
  const durations: number[] = [];
  let cookie = '';
  for (const phone of phones) {
    const signIn = await timedPortalSignIn(base, dataDir, phone);
    durations.push(signIn.elapsed);
    cookie ||= signIn.cookie;
  }
  results['portal.signin_p95_ms'] = { value: round(percentile(durations, 95), 1), unit: 'ms' };
  // Chaque page du portail sans paramètre (lue dans app/routes.ts : une page ajoutée demain est pesée le jour même).
  const portalPages = [
    ...fs.readFileSync(path.join(root, 'app/routes.ts'), 'utf8').matchAll(/route\('(mon-espace[^':]*)', '[^']+\.tsx'\)/g),
  ]
    .map((match) => `/${match[1]}`)
    // Sans FranceConnect configuré ni code demandé, ces deux pages renvoient ailleurs.
    .filter((page) => !page.includes('franceconnect') && page !== '/mon-espace/code');
  const pages = await Promise.all(portalPages.map((page) => firstVisitBytes(base, page, page === '/mon-espace' ? null : cookie)));
  results['portal.page_kb'] = { value: round(Math.max(...pages) / 1024, 1), unit: 'KB' };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const median = (values: number[]) => percentile(values, 50);

async function main() {
  execFileSync('node', ['scripts/build-if-needed.mjs'], { cwd: root, stdio: 'inherit' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-bench-'));
  const results: Result = {};
  let server: ChildProcess | null = null;
  try {
    // Premier démarrage : création de la base et du jeu de démonstration (non mesuré).
    server = startServer(dataDir);
    await waitHealthy(server);
    await stop(server);
    // Des habitants d'Alpha qui se connectent par SMS (le serveur arrêté : la base embarquée n'a qu'un processus).
    const stopped = await openDatabase({ kind: 'pglite', dataDir });
    const residentPhones = await openBenchSpaces(stopped, PORTAL_SIGNINS);
    await stopped.close();

    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      server = startServer(dataDir);
      await waitHealthy(server);
      starts.push((performance.now() - t0) / 1000);
      if (i < 2) await stop(server);
    }
    results['start.cold_s'] = { value: round(median(starts), 2), unit: 's' };

    const accounts = ['accueil@alpha.test', 'mediation@alpha.test', 'direction@alpha.test', 'admin@alpha.test', 'mediation@beta.test'];
    for (let i = 0; i < 5; i++) await timedSignIn(accounts[i % accounts.length]!); // échauffement
    const durations: number[] = [];
    for (let i = 0; i < SIGNINS; i++) durations.push(await timedSignIn(accounts[i % accounts.length]!));
    results['page.signin_p95_ms'] = { value: round(percentile(durations, 95), 1), unit: 'ms' };
    results['page.signin_median_ms'] = { value: round(median(durations), 1), unit: 'ms' };

    await receptionFigures(results);
    await dashboardFigures(results);
    await portalFigures(results, dataDir, residentPhones);

    const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    results['memory.rss_mb'] = { value: round(rssKb / 1024, 1), unit: 'MB' };
    await stop(server);
  } finally {
    // Une mesure qui échoue n'abandonne pas son serveur : le suivant trouverait le port pris.
    if (server && server.exitCode === null) await stop(server);
    fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
  }
  const seedDatabase = await openDatabase({ kind: 'pglite', memory: true });
  await migrate(seedDatabase);
  const seedStart = performance.now();
  await seedDemo(seedDatabase);
  results['demo.seed_s'] = { value: round((performance.now() - seedStart) / 1000, 1), unit: 's' };
  await dashboardRatio(seedDatabase, results);
  await directoryFigures(seedDatabase, results);
  await seedDatabase.close();
  const vault = await vaultFigures(percentile);
  results['vault.upload_mb_s'] = { value: round(vault.uploadMbPerSecond, 1), unit: 'MB/s' };
  results['vault.download_p95_ms'] = { value: round(vault.downloadP95Ms, 1), unit: 'ms' };
  results['appointments.slots_p95_ms'] = { value: round(slotsFigures(percentile).slotsP95Ms, 1), unit: 'ms' };
  if (process.env.DATABASE_URL) await nationalFigures(process.env.DATABASE_URL, results);

  // Détecteur d'identifiants secrets, sur la moitié de mesure de son corpus (jamais utilisée pour le régler).
  const detector = measureDetector(notesOf('mesure'));
  results['credentials.recall'] = { value: round(detector.recall, 3), unit: 'ratio' };
  results['credentials.false_positive_rate'] = { value: round(detector.falsePositiveRate, 3), unit: 'ratio' };
  // Par catégorie : le rappel pour une catégorie de secrets, le taux de faux positifs pour une catégorie de notes saines.
  for (const [category, figures] of Object.entries(detector.byCategory))
    if (figures.withSecret) results[`credentials.${category}.recall`] = { value: round(figures.recall, 3), unit: 'ratio' };
    else results[`credentials.${category}.false_positive_rate`] = { value: round(figures.falsePositiveRate, 3), unit: 'ratio' };

  const loadServer = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  if (await reachable(loadServer)) {
    const load = await measureLoad(loadServer);
    results['load.rps'] = { value: round(load.rps, 1), unit: 'rps' };
    results['load.p95_ms'] = { value: round(load.p95, 1), unit: 'ms' };
    results['load.errors'] = { value: load.errors, unit: 'count' };
    results['load.requests'] = { value: load.requests, unit: 'count' };
  } else console.log('Charge (load.*) non mesurée : aucun serveur PostgreSQL (DATABASE_URL, ou 127.0.0.1:5432).');

  fs.writeFileSync(path.join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.table(Object.fromEntries(Object.entries(results).map(([name, r]) => [name, { valeur: r.value, unité: r.unit }])));
}

async function reachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
