// Saisies hostiles sur chaque formulaire, sans entretien : le test trouve dans app/routes.ts chaque route qui a une
// action, l'ouvre avec un rôle qui y a accès, lit les champs de ses formulaires et leur envoie plus de 30 corps
// hostiles (vides, énormes, mal typés, UTF-8 cassé, octets nuls, HTML, SQL, dates et nombres extrêmes, identifiants
// d'une autre structure, clés doublées, jeton CSRF absent ou étranger, mauvais type de contenu…). Chaque réponse doit
// arriver sans erreur 5xx, en français, et la base doit rester exactement la même (empreinte de chaque table des
// structures ; le journal d'audit n'y gagne que des consultations).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import type { ServerBuild } from 'react-router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../test/database';
import { prepareDemoRoutes, ROLES_IN_ORDER, routeEntries, type Column, type DemoRoutes } from '../test/demo-routes';
import { csrfCookie } from './platform/cookies.server';
import { sqlRows } from './db/database.server';
import { operatorTransaction } from './db/transaction.server';
import { tableChecksum } from './platform/backup/backup.server';

const CSRF = 'c'.repeat(43);
/** Une réponse d'erreur lisible par un agent : une page en français, ou un message en français. */
const FRENCH = /lang="fr"|[éèàùçÉ]|\b(?:Choisissez|Indiquez|Rechargez|fichier|formulaire)\b/;
const FOREIGN_CSRF = 'f'.repeat(43);

let services: TestServices;
let demo: DemoRoutes;
let actionPaths: string[];
let csrfHeader: string;
const post = (url: string, init: RequestInit) => demo.app.fetch(url, { ...init, method: 'POST' });

beforeAll(async () => {
  services = testServices(await createTestDatabase(), { RELAIS_DEMO: '1' });
  demo = await prepareDemoRoutes(services);
  const build = (await import(pathToFileURL(path.resolve(import.meta.dirname, '../build/server/index.js')).href)) as ServerBuild;
  const withAction = new Set(
    Object.values(build.routes)
      .filter((route) => route && typeof (route.module as { action?: unknown }).action === 'function')
      .map((route) => (route!.index ? '/' : `/${route!.path}`)),
  );
  actionPaths = routeEntries()
    .map((entry) => entry.path)
    .filter((p) => withAction.has(p));
  csrfHeader = (await csrfCookie(false).serialize(CSRF)).split(';')[0]!;
}, 180_000);

afterAll(() => services.database.close());

/** Empreinte de chaque table d'une structure (hors journal d'audit, lu à part), et les actions d'audit écrites. */
async function snapshot() {
  return operatorTransaction(services.database, async (tx) => {
    const tables = await sqlRows<{ table_name: string }>(
      tx,
      sql`select c.table_name from information_schema.columns c
          join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
          where c.table_schema = 'public' and c.column_name = 'structure_id' and t.table_type = 'BASE TABLE'
            and c.table_name <> 'audit_events' order by c.table_name`,
    );
    const sums: Record<string, string> = {};
    for (const { table_name: name } of tables) sums[name] = await tableChecksum(tx, name);
    const [last] = await sqlRows<{ id: number }>(tx, sql`select coalesce(max(id), 0)::int as id from audit_events`);
    return { sums, lastAudit: last!.id };
  });
}

async function auditActionsSince(id: number) {
  return operatorTransaction(services.database, async (tx) =>
    (await sqlRows<{ action: string }>(tx, sql`select action from audit_events where id > ${id}`)).map((r) => r.action),
  );
}

/** Le premier rôle qui ouvre la page (ou reçoit 405 d'une adresse qui n'accepte que POST). */
async function columnFor(route: string): Promise<Column> {
  for (const column of [...ROLES_IN_ORDER, 'anonyme'] as Column[]) {
    const cookie = demo.cookies.get(column);
    const response = await demo.app.fetch(demo.concrete(route), { headers: cookie ? { cookie } : {} });
    await response.body?.cancel().catch(() => {});
    if (response.status === 200 || response.status === 405) return column;
  }
  return 'mediateur';
}

/** Les noms des champs des formulaires POST de la page, et les valeurs de `intent`. */
async function formFields(route: string, cookie: string | null) {
  const response = await demo.app.fetch(demo.concrete(route), { headers: cookie ? { cookie } : {} });
  const html = response.status === 200 ? await response.text() : '';
  const forms = [...html.matchAll(/<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/gi)].map((m) => m[1]!);
  const names = new Set<string>();
  const intents = new Set<string>();
  for (const form of forms) {
    for (const m of form.matchAll(/name="([^"]+)"/g)) if (m[1] !== 'csrf') names.add(m[1]!);
    for (const m of form.matchAll(/name="intent"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="intent"/g)) intents.add(m[1] ?? m[2]!);
  }
  names.delete('intent');
  return { names: names.size ? [...names] : ['valeur'], intents: intents.size ? [...intents] : [null] };
}

interface Hostile {
  label: string;
  /**
   * Une valeur qu'un formulaire de texte libre peut accepter telle quelle (une note qui parle de « <script> ») :
   * l'envoi peut réussir, jamais par une erreur 5xx. Les autres ne doivent rien écrire.
   */
  mayBeValid?: boolean;
  body: (fields: string[], intent: string | null) => BodyInit;
  contentType?: string;
  csrf?: 'absent' | 'etranger';
  origin?: string;
}

const form = (entries: Array<[string, string]>, intent: string | null, csrf: string | null = CSRF) => {
  const params = new URLSearchParams();
  if (csrf) params.append('csrf', csrf);
  if (intent !== null) params.append('intent', intent);
  for (const [k, v] of entries) params.append(k, v);
  return params.toString();
};
const every = (value: string) => (fields: string[], intent: string | null) =>
  form(
    fields.map((f) => [f, value] as [string, string]),
    intent,
  );

function hostileBodies(): Hostile[] {
  const beta = demo.betaIds;
  return [
    { label: 'vide', body: () => form([], null) },
    { label: 'seulement l’intention', mayBeValid: true, body: (_f, intent) => form([], intent) },
    { label: 'champs vides', body: every('') },
    { label: 'espaces', mayBeValid: true, body: every(' \t\n ') },
    { label: '10 000 caractères', mayBeValid: true, body: every('a'.repeat(10_000)) },
    // Un million de caractères dans un champ (2 Mo d'UTF-8) : le corps le plus gros qu'un navigateur enverrait ici.
    { label: '1 000 000 de caractères (2 Mo)', body: (fields, intent) => form([[fields[0]!, 'é'.repeat(1_000_000)]], intent) },
    { label: 'nombre de 10 000 chiffres', mayBeValid: true, body: every('9'.repeat(10_000)) },
    { label: 'HTML et script', mayBeValid: true, body: every('<script>alert("x")</script><img src=x onerror=alert(1)>') },
    { label: 'SQL', mayBeValid: true, body: every("'; DROP TABLE persons; -- ' OR '1'='1") },
    { label: 'octet nul', body: every('a\u0000b') },
    {
      label: 'UTF-8 cassé',
      body: (fields, intent) => `${form([], intent)}&${fields.map((f) => `${encodeURIComponent(f)}=%FF%FE%C3%28`).join('&')}`,
    },
    { label: 'nombre négatif', mayBeValid: true, body: every('-1') },
    { label: 'nombre énorme', mayBeValid: true, body: every('99999999999999999999999') },
    { label: 'notation scientifique', mayBeValid: true, body: every('1e308') },
    { label: 'date très ancienne', mayBeValid: true, body: every('0001-01-01') },
    { label: 'date très lointaine', mayBeValid: true, body: every('9999-12-31T23:59') },
    { label: 'valeur d’énumération inconnue', mayBeValid: true, body: every('valeur_inconnue') },
    { label: 'booléen en texte', mayBeValid: true, body: every('true') },
    { label: 'JSON dans un champ', mayBeValid: true, body: every('{"__proto__":{"admin":true}}') },
    { label: 'identifiant nul', mayBeValid: true, body: every('00000000-0000-0000-0000-000000000000') },
    {
      label: 'identifiants d’une autre structure',
      mayBeValid: true,
      body: (fields, intent) =>
        form(
          fields.map((f, i) => [f, beta[i % beta.length]!] as [string, string]),
          intent,
        ),
    },
    {
      label: 'clés doublées',
      mayBeValid: true,
      body: (fields, intent) =>
        form(
          fields.flatMap(
            (f) =>
              [
                [f, 'un'],
                [f, 'deux'],
              ] as Array<[string, string]>,
          ),
          intent,
        ),
    },
    {
      label: 'clés de prototype',
      body: (_f, intent) =>
        form(
          [
            ['__proto__', 'x'],
            ['constructor', 'x'],
            ['a[b]', 'c'],
          ],
          intent,
        ),
    },
    { label: 'chemin', mayBeValid: true, body: every('../../../../etc/passwd') },
    { label: 'retour à la ligne d’en-tête', mayBeValid: true, body: every('a\r\nSet-Cookie: pris=1') },
    { label: 'émojis et écriture inversée', mayBeValid: true, body: every('\u202e😀𝔘\u200b') },
    {
      label: 'intention inconnue',
      body: (fields) =>
        form(
          fields.map((f) => [f, 'x'] as [string, string]),
          'intention_inconnue',
        ),
    },
    { label: 'sans jeton CSRF', body: every('x'), csrf: 'absent' },
    { label: 'jeton CSRF étranger', body: every('x'), csrf: 'etranger' },
    // Une origine étrangère est refusée par le serveur Express, avant React Router : e2e/http.test.ts.
    { label: 'JSON', body: () => JSON.stringify({ csrf: CSRF, a: 1 }), contentType: 'application/json' },
    { label: 'texte brut', body: () => `csrf=${CSRF}`, contentType: 'text/plain' },
    { label: 'multipart vide', body: () => form([], null), contentType: 'multipart/form-data; boundary=rien' },
  ];
}

describe('saisies hostiles sur chaque formulaire', () => {
  it('trouve les routes qui ont une action', () => {
    expect(actionPaths.length).toBeGreaterThanOrEqual(20);
  });

  it('chaque route avec une action : aucune erreur 5xx, une réponse en français, et la base inchangée', async () => {
    const report: string[] = [];
    let sent = 0;
    for (const route of actionPaths) {
      const column = await columnFor(route);
      const { names, intents } = await formFields(route, demo.cookies.get(column) ?? null);
      // D'abord les envois qui doivent tous être refusés sans rien écrire, puis ceux qu'un texte libre peut accepter.
      const ordered = [...hostileBodies().filter((h) => !h.mayBeValid), ...hostileBodies().filter((h) => h.mayBeValid)];
      let before = await snapshot();
      let index = 0;
      let stale = false;
      for (const hostile of ordered) {
        // Une intention inconnue n'est qu'un champ de trop pour un formulaire qui n'en a pas.
        const mustRefuse = !hostile.mayBeValid && !(hostile.label === 'intention inconnue' && intents[0] === null);
        // Après un envoi qui a pu réussir, l'empreinte de départ est relevée à nouveau.
        if (mustRefuse && stale) {
          before = await snapshot();
          stale = false;
        }
        if (!mustRefuse) stale = true;
        // Une session neuve par envoi : « se déconnecter » ferme la précédente.
        const session = await demo.freshCookie(column);
        const csrf = hostile.csrf === 'absent' ? null : hostile.csrf === 'etranger' ? FOREIGN_CSRF : CSRF;
        // Les envois à refuser partent sans intention : « seulement l'intention » d'une action sans champ (prendre en
        // compte, retirer) est un envoi valide, essayé avec les autres dans la seconde phase.
        const intent = hostile.mayBeValid || hostile.label === 'intention inconnue' ? intents[index++ % intents.length]! : null;
        let body = hostile.body(names, intent);
        if (csrf !== CSRF && typeof body === 'string') body = body.replace(`csrf=${CSRF}`, csrf ? `csrf=${csrf}` : '');
        const response = await post(demo.concrete(route), {
          headers: {
            cookie: [session, csrfHeader].filter(Boolean).join('; '),
            'content-type': hostile.contentType ?? 'application/x-www-form-urlencoded',
            ...(hostile.origin ? { origin: hostile.origin } : {}),
          },
          body,
        });
        const text = await response.text();
        sent++;
        if (response.status >= 500) report.push(`${route} [${hostile.label}] : ${response.status}`);
        else if (response.status >= 400 && !FRENCH.test(text))
          report.push(`${route} [${hostile.label}] : ${response.status} sans message en français`);
        if (mustRefuse) {
          // Un envoi qui doit être refusé n'écrit rien : empreinte de chaque table et actions d'audit.
          const after = await snapshot();
          const changed = Object.keys(before.sums).filter((table) => before.sums[table] !== after.sums[table]);
          const writes = (await auditActionsSince(before.lastAudit)).filter((action) => !/consult|^session\./.test(action));
          if (changed.length || writes.length)
            report.push(`${route} [${hostile.label}] : ${response.status}, écrit dans ${[...changed, ...new Set(writes)].join(', ')}`);
          before = after;
        }
      }
    }
    console.info(`Saisies hostiles : ${actionPaths.length} routes × ${hostileBodies().length} corps = ${sent} envois.`);
    expect(report).toEqual([]);
  }, 900_000);
});
