// Mesures du portail des habitants (issue 20), sur le serveur de `npm run bench` :
//   portal.signin_p95_ms : demande du code (POST /mon-espace) + saisie du code (POST /mon-espace/code) + accueil de
//                          l'espace, 95e centile ; l'attente du SMS (le tour du worker) n'est pas comptée
//   portal.page_kb       : la page du portail la plus lourde à la première visite (HTML + feuilles + icône, non
//                          compressés : une borne haute de ce qui est transféré)
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../app/db/database.server';
import { operatorTransaction } from '../app/db/transaction.server';
import { memberships, structures } from '../app/platform/schema';
import { residentSpaces } from '../app/capabilities/portal/schema';
import { isMobilePhone, normalizeContact } from '../app/capabilities/portal/rules';
import { persons } from '../app/capabilities/reception/schema';

/** Autant de personnes d'Alpha qu'il faut, chacune avec un espace ouvert par SMS : rend leurs numéros. */
export async function openBenchSpaces(database: Database, count: number) {
  return operatorTransaction(database, async (tx) => {
    const [alpha] = await tx.select().from(structures).where(eq(structures.slug, 'alpha'));
    const [opener] = await tx.select().from(memberships).where(eq(memberships.structureId, alpha!.id)).limit(1);
    const candidates = await tx
      .select({ id: persons.id, phone: persons.phone })
      .from(persons)
      .where(and(eq(persons.structureId, alpha!.id), isNull(persons.anonymisedAt), sql`${persons.phone} is not null`))
      .orderBy(sql`(select count(*) from solicitations s where s.person_id = ${persons.id}) desc`)
      .limit(count * 20);
    const seen = new Set<string>();
    const chosen = candidates.filter((person) => {
      const contact = isMobilePhone(person.phone) ? normalizeContact(person.phone!) : null;
      if (!contact || seen.has(contact.value)) return false;
      seen.add(contact.value);
      return true;
    });
    const phones: string[] = [];
    for (const person of chosen.slice(0, count)) {
      await tx
        .insert(residentSpaces)
        .values({ structureId: alpha!.id, personId: person.id, signInChannel: 'sms', consentAt: new Date(), openedBy: opener!.userId })
        .onConflictDoNothing();
      const [open] = await tx
        .select({ channel: residentSpaces.signInChannel })
        .from(residentSpaces)
        .where(and(eq(residentSpaces.personId, person.id), isNull(residentSpaces.closedAt)));
      if (open?.channel === 'sms') phones.push(normalizeContact(person.phone!)!.value);
    }
    return phones;
  });
}

const cookieOf = (response: Response, jar: Map<string, string>) => {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, value] = pair!.split('=');
    if (value) jar.set(name!, value);
    else jar.delete(name!);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
};

async function codeFor(dataDir: string, digits: string, after: number) {
  const outbox = path.join(dataDir, 'outbox');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (fs.existsSync(outbox))
      for (const file of fs.readdirSync(outbox).sort().reverse()) {
        const full = path.join(outbox, file);
        if (!file.endsWith('.sms.txt') || fs.statSync(full).mtimeMs < after) continue;
        const text = fs.readFileSync(full, 'utf8');
        if (text.startsWith(`À : ${digits}\n`)) return /\b(\d{6})\b/.exec(text)![1]!;
      }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Aucun code reçu pour ${digits}`);
}

/** Une connexion complète par code ; rend sa durée (sans l'attente du SMS) et le cookie de la session ouverte. */
export async function timedPortalSignIn(base: string, dataDir: string, digits: string) {
  const jar = new Map<string, string>();
  const page = await fetch(`${base}/mon-espace`);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  let cookie = cookieOf(page, jar);
  const asked = Date.now() - 1000;
  let started = performance.now();
  const request = await fetch(`${base}/mon-espace`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, contact: digits }),
  });
  if (request.status !== 302) throw new Error(`Demande de code refusée (${request.status})`);
  cookie = cookieOf(request, jar);
  let elapsed = performance.now() - started;
  const code = await codeFor(dataDir, digits, asked);
  started = performance.now();
  const check = await fetch(`${base}/mon-espace/code`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, code }),
  });
  if (check.status !== 302) throw new Error(`Code refusé (${check.status})`);
  cookie = cookieOf(check, jar);
  const home = await fetch(`${base}/mon-espace/accueil`, { headers: { cookie }, redirect: 'manual' });
  if (home.status !== 200) throw new Error(`Espace non atteint (${home.status})`);
  await home.text();
  elapsed += performance.now() - started;
  return { elapsed, cookie };
}

/** Le poids d'une page à la première visite : le HTML, ses feuilles de style, ses scripts et son icône. */
export async function firstVisitBytes(base: string, pathname: string, cookie: string | null) {
  const response = await fetch(`${base}${pathname}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  if (response.status !== 200) throw new Error(`${pathname} : ${response.status}`);
  const html = await response.text();
  let bytes = Buffer.byteLength(html);
  const assets = [...html.matchAll(/<link[^>]+href="([^"]+)"/g), ...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]!);
  for (const asset of new Set(assets)) bytes += (await (await fetch(new URL(asset, base))).arrayBuffer()).byteLength;
  return bytes;
}
