// Charge d'une journée chargée, sur un serveur PostgreSQL : 200 sessions d'agents ouvertes ensemble pendant 2 minutes,
// qui font ce que font les agents d'un CCAS, dans ces proportions : la file d'attente, la recherche d'une personne,
// sa fiche, l'enregistrement d'une sollicitation ; les responsables, le pilotage et la liste des sollicitations.
// Chaque agent agit après un temps de lecture au hasard, en moyenne 4 s (BENCH_LOAD_RATE = 50 requêtes par seconde en
// tout) : déjà dix fois le rythme d'une journée chargée (un médiateur d'Alpha ouvre une page toutes les 30 à 60 s). Sur
// cette machine à 2 cœurs, le processus web unique sature vers 90 requêtes par seconde (p95 > 500 ms) : au-delà, un
// second processus web (docs/exploitation.md, « Plusieurs instances »). Pas d'autocannon : sa limite de débit envoie les requêtes de toutes les connexions au même top de chaque
// seconde et ramène le nombre de connexions au débit ; 200 agents indépendants ne se comportent pas ainsi.
//   load.rps    : requêtes servies par seconde
//   load.p95_ms : 95e centile du temps de réponse
//   load.errors : réponses inattendues (4xx, 5xx, redirection vers la connexion), erreurs et délais dépassés
import path from 'node:path';
import { toLocalInput } from '../app/platform/time';
import { commonSolicitation, freshInstance, instanceEnv, signInOverHttp, startWeb } from '../test/relais-process';

export type LoadFigures = { rps: number; p95: number; errors: number; requests: number };

const AGENTS = Number(process.env.BENCH_LOAD_AGENTS ?? 200);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 120);
const RATE = Number(process.env.BENCH_LOAD_RATE ?? 50);
/** Un agent sur dix est responsable (pilotage) ; les autres accueillent et accompagnent. */
const MANAGER_SHARE = 0.1;

interface Session {
  cookie: string;
  csrf: string;
  manager: boolean;
}

export async function measureLoad(serverUrl: string): Promise<LoadFigures> {
  const instance = await freshInstance('bench-charge', serverUrl);
  // Un seul processus web, worker compris : l'installation d'une structure (ou d'un département) sur un serveur.
  const web = await startWeb(instanceEnv(instance), path.join(instance.dataDir, 'serveur.log'));
  try {
    const sessions: Session[] = [];
    for (let i = 0; i < AGENTS; i += 10)
      sessions.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(10, AGENTS - i) }, async (_, j) => {
            const manager = (i + j) % Math.round(1 / MANAGER_SHARE) === 0;
            return { ...(await signInOverHttp(web.url, manager ? 'direction@alpha.test' : 'mediation@alpha.test')), manager };
          }),
        )),
      );
    const { personIds, site } = await workingData(
      web.url,
      sessions.find((s) => !s.manager)!,
    );
    const occurredAt = toLocalInput(new Date(Date.now() - 60 * 60_000));
    const queries = ['ben', 'mar', 'dub', 'lef', 'tra', 'haj', 'mou', 'gar', 'fon', 'ber'];
    const latencies: number[] = [];
    let errors = 0;
    const byKind: Record<string, number[]> = {};

    /** L'action suivante d'un agent, selon son rôle, dans les proportions d'une journée ; et la réponse attendue. */
    const nextRequest = (session: Session, step: number): { path: string; init: RequestInit; expected: number } => {
      const roll = Math.random() * 100;
      const person = personIds[Math.floor(Math.random() * personIds.length)]!;
      const get = (path: string) => ({ path, init: { headers: { cookie: session.cookie } }, expected: 200 });
      if (session.manager) return get(roll < 60 ? '/pilotage' : '/sollicitations');
      if (roll < 35) return get('/accueil');
      if (roll < 65) return get(`/sollicitations/nouvelle?q=${queries[step % queries.length]}`);
      if (roll < 85) return get(`/personnes/${person}`);
      const body = new URLSearchParams({ csrf: session.csrf, ...commonSolicitation(site, person, occurredAt) });
      const headers = { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' };
      return { path: '/sollicitations/nouvelle', init: { method: 'POST', headers, body, redirect: 'manual' }, expected: 302 };
    };

    // Chaque agent attend un temps au hasard (loi exponentielle, moyenne AGENTS / RATE secondes), agit, recommence.
    const meanThinkMs = (AGENTS / RATE) * 1000;
    const end = performance.now() + SECONDS * 1000;
    await Promise.all(
      sessions.map(async (session) => {
        for (let step = 0; ; step++) {
          const think = -Math.log(1 - Math.random()) * meanThinkMs;
          await new Promise((r) => setTimeout(r, Math.min(think, end - performance.now())));
          if (performance.now() >= end) return;
          const { path: target, init, expected } = nextRequest(session, step);
          const sent = performance.now();
          try {
            const response = await fetch(`${web.url}${target}`, { ...init, signal: AbortSignal.timeout(10_000) });
            await response.arrayBuffer();
            if (response.status !== expected) errors++;
          } catch {
            errors++; // connexion refusée ou coupée, délai dépassé
          }
          const took = performance.now() - sent;
          latencies.push(took);
          const kind = `${init.method ?? 'GET'} ${target.split('?')[0]!.replace(/[0-9a-f-]{36}/, ':id')}`;
          (byKind[kind] ??= []).push(took);
        }
      }),
    );
    console.table(
      Object.fromEntries(
        Object.entries(byKind).map(([kind, values]) => [kind, { requêtes: values.length, p95_ms: Math.round(p95(values)) }]),
      ),
    );
    return {
      rps: latencies.length / SECONDS,
      p95: p95(latencies),
      errors,
      requests: latencies.length,
    };
  } finally {
    web.child.kill('SIGTERM');
    await web.exited;
    await instance.drop();
  }
}

/** Des personnes d'Alpha (trouvées comme un agent les cherche) et le lieu d'accueil proposé par le formulaire. */
async function workingData(url: string, session: Session) {
  const personIds = new Set<string>();
  for (const q of ['ben', 'mar', 'dub', 'lef', 'gar']) {
    const html = await (await fetch(`${url}/sollicitations/nouvelle?q=${q}`, { headers: { cookie: session.cookie } })).text();
    for (const match of html.matchAll(/personne=([0-9a-f-]{36})/g)) personIds.add(match[1]!);
  }
  const first = [...personIds][0];
  const form = await (await fetch(`${url}/sollicitations/nouvelle?personne=${first}`, { headers: { cookie: session.cookie } })).text();
  const site = /<option value="([0-9a-f-]{36})" selected="">/.exec(form.slice(form.indexOf('name="site"')))?.[1] ?? '';
  return { personIds: [...personIds], site };
}

function p95(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}
