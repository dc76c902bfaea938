// Relais construit (build/server, préparé une fois par la mise en place des tests), appelé dans le processus du
// test sur une base de test, par le gestionnaire de requêtes de React Router (sans le serveur Express et ses
// en-têtes) : pour prouver ce que fait une requête (transaction, autorisation de chaque route) sans navigateur.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequestHandler, type RouterContextProvider, type ServerBuild } from 'react-router';
import { operatorTransaction } from '../app/db/transaction.server';
import { and, eq, isNull } from 'drizzle-orm';
import { memberships, sessions } from '../app/platform/schema';
import { residentCookie as portalCookie, sessionCookie } from '../app/platform/cookies.server';
import { runScoped } from '../app/platform/request.server';
import { residentSpaces } from '../app/capabilities/portal/schema';
import { createResidentSession } from '../app/capabilities/portal/sessions.server';
import { persons } from '../app/capabilities/reception/schema';
import { randomToken, sha256Hex } from '../app/platform/crypto.server';
import type { Services } from '../app/platform/services.server';

const root = path.resolve(import.meta.dirname, '..');
const ORIGIN = 'http://relais.test';

export interface TestApp {
  /** Une requête à Relais, comme celle d'un navigateur (chemin relatif). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

export async function startApp(services: Services): Promise<TestApp> {
  const build = (await import(pathToFileURL(path.join(root, 'build/server/index.js')).href)) as ServerBuild;
  const entry = build.entry.module as unknown as { createLoadContext: (services: Services, nonce: string) => RouterContextProvider };
  const handle = createRequestHandler(build, 'production');
  return {
    fetch: (url, init) =>
      handle(new Request(new URL(url, ORIGIN), { redirect: 'manual', ...init }), entry.createLoadContext(services, 'essai')),
  };
}

/** Une session d'agent prête (second facteur fait, structure active) ; rend l'en-tête Cookie. */
export async function agentCookie(services: Services, agent: { userId: string; structureId: string }) {
  return (await agentSession(services, agent)).cookie;
}

/** La même session, avec son identifiant en base (pour la fermer dans un test). */
export async function agentSession(services: Services, agent: { userId: string; structureId: string }) {
  const token = randomToken();
  const now = services.now();
  await operatorTransaction(services.database, (tx) =>
    tx.insert(sessions).values({
      id: sha256Hex(token),
      userId: agent.userId,
      activeStructureId: agent.structureId,
      secondFactorAt: now,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + 3600_000),
    }),
  );
  return { cookie: (await sessionCookie(false).serialize(token)).split(';')[0]!, sessionId: sha256Hex(token) };
}

/** Compte les transactions ouvertes sur la base (les points de sauvegarde n'en sont pas). */
export function countTransactions(services: Services) {
  const db = services.database.app;
  const original = db.transaction.bind(db);
  const counter = { count: 0, restore: () => void (db.transaction = original) };
  db.transaction = ((...args: Parameters<typeof original>) => {
    counter.count++;
    return original(...args);
  }) as typeof original;
  return counter;
}

/**
 * Une session d'habitant prête, dans l'espace ouvert d'une personne de la structure (ouvert pour l'occasion s'il n'y en
 * a pas) ; rend l'en-tête Cookie et la personne.
 */
export async function residentCookie(services: Services, structureId: string) {
  const space = await operatorTransaction(services.database, async (tx) => {
    const [open] = await tx
      .select()
      .from(residentSpaces)
      .where(and(eq(residentSpaces.structureId, structureId), isNull(residentSpaces.closedAt)))
      .orderBy(residentSpaces.createdAt)
      .limit(1);
    if (open) return open;
    const [person] = await tx
      .select()
      .from(persons)
      .where(and(eq(persons.structureId, structureId), isNull(persons.anonymisedAt)))
      .orderBy(persons.createdAt)
      .limit(1);
    const [opener] = await tx.select().from(memberships).where(eq(memberships.structureId, structureId)).limit(1);
    const [created] = await tx
      .insert(residentSpaces)
      .values({ structureId, personId: person!.id, signInChannel: 'sms', consentAt: services.now(), openedBy: opener!.userId })
      .returning();
    return created!;
  });
  const token = await runScoped(services, (scope) =>
    createResidentSession(scope, { structureId, spaceId: space.id, personId: space.personId }, false),
  );
  return { cookie: (await portalCookie(false).serialize(token)).split(';')[0]!, personId: space.personId, token };
}
