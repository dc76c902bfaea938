// Relais construit (build/server, préparé une fois par la mise en place des tests), appelé dans le processus du
// test sur une base de test, par le gestionnaire de requêtes de React Router (sans le serveur Express et ses
// en-têtes) : pour prouver ce que fait une requête (transaction, autorisation de chaque route) sans navigateur.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequestHandler, type RouterContextProvider, type ServerBuild } from 'react-router';
import { operatorTransaction } from '../app/db/transaction.server';
import { sessions } from '../app/platform/schema';
import { sessionCookie } from '../app/platform/cookies.server';
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
