// `npm start` : démarre Relais (build de production, ou Vite en développement avec RELAIS_DEV=1).
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from 'react-router';
import { loadConfig } from '../app/platform/config.server';
import { DEFAULT_TIME_ZONE } from '../app/platform/time';
import type { Services } from '../app/platform/services.server';
import type { AppOptions } from './http';
import { root } from './root';

type EntryExtras = Pick<AppOptions, 'createLoadContext'> & {
  bootstrap: (config: ReturnType<typeof loadConfig>, log: (line: string) => void) => Promise<Services>;
  startBackgroundWorker: (services: Services, log: (line: string) => void) => (() => Promise<void>) | null;
};

// Les agents saisissent les heures de leur structure : le serveur les lit dans ce fuseau (TZ pour en changer).
process.env.TZ ??= DEFAULT_TIME_ZONE;
const config = loadConfig();
/** Le temps laissé aux requêtes en cours à l'arrêt ; les orchestrateurs attendent 30 s avant SIGKILL. */
const DRAIN_MS = 20_000;
/** Après SIGTERM, le temps d'accepter et de lire les connexions déjà en route, avant de cesser d'écouter. */
const LISTEN_GRACE_MS = 1_000;
/** L'écoute se ferme après ce calme (aucune connexion acceptée), et au plus tard MAX_LISTEN_MS après SIGTERM. */
const QUIET_MS = 300;
const MAX_LISTEN_MS = 5_000;
/** Une connexion acceptée qui n'a encore rien demandé est fermée au plus tard ce temps après SIGTERM. */
const UNUSED_CONNECTION_MS = 10_000;
const dev = process.env.RELAIS_DEV === '1';
// React doit tourner en mode production ; NODE_ENV déclaré par l'exploitant est lu par loadConfig avant.
// Tout ce qui charge React est donc importé dynamiquement, après cette ligne.
process.env.NODE_ENV = dev ? 'development' : 'production';

async function main() {
  let build: AppOptions['build'];
  let devMiddleware: AppOptions['devMiddleware'];
  let entry: EntryExtras;
  if (dev) {
    const vite = await import('vite');
    const server = await vite.createServer({ server: { middlewareMode: true } });
    devMiddleware = server.middlewares;
    const load = () => server.ssrLoadModule('virtual:react-router/server-build') as Promise<ServerBuild>;
    build = load;
    entry = (await load()).entry.module as unknown as EntryExtras;
  } else {
    const file = path.join(root, 'build/server/index.js');
    const serverBuild = (await import(pathToFileURL(file).href)) as ServerBuild;
    build = serverBuild;
    entry = serverBuild.entry.module as unknown as EntryExtras;
  }

  const services = await entry.bootstrap(config, (line) => console.log(line));
  // Relances, envois d'e-mails et de SMS, ménage : dans ce processus, sauf RELAIS_WORKER_INTERVAL=0.
  const stopWorker = entry.startBackgroundWorker(services, (line) => console.error(line));
  const { createApp } = await import('./http');
  let stopping = false;
  const app = createApp({ services, build, createLoadContext: entry.createLoadContext, devMiddleware, stopping: () => stopping });
  const server = app.listen(config.port, () => {
    const mode = services.database.kind === 'pglite' ? `PGlite embarqué (${config.dataDir})` : 'serveur PostgreSQL';
    console.log(`Relais est prêt : http://localhost:${config.port}  —  base : ${mode}`);
    if (config.demo)
      console.log(
        'Démonstration : mot de passe « relais-demo » pour accueil@alpha.test, mediation@alpha.test, social@alpha.test,\n' +
          '  direction@alpha.test, admin@alpha.test, accueil@beta.test, mediation@beta.test, partenaire@mediatheque-alpha.test',
      );
  });
  server.on('error', (error) => {
    console.error(`Relais ne peut pas écouter sur le port ${config.port} : ${error.message}`);
    process.exit(1);
  });
  // SIGTERM (arrêt, mise à jour) : plus de nouvelle connexion ; les requêtes reçues finissent, les flux en direct se
  // ferment, le worker finit ce qu'il tient et rend le reste ; puis la base est fermée proprement.
  // Chaque connexion : ses requêtes en cours, et si elle en a déjà servi une. À l'arrêt, une connexion acceptée dont la
  // requête n'est pas encore lue (serveur chargé) n'est pas « inoccupée » : server.closeIdleConnections la couperait
  // (ECONNRESET, une requête reçue sans réponse). Seules celles qui ont servi sont fermées, les autres après un délai.
  const sockets = new Map<net.Socket, { active: number; served: boolean }>();
  let lastConnectionAt = 0;
  server.on('connection', (socket: net.Socket) => {
    lastConnectionAt = Date.now();
    sockets.set(socket, { active: 0, served: false });
    socket.on('close', () => sockets.delete(socket));
  });
  server.prependListener('request', (request, response) => {
    const state = sockets.get(request.socket);
    if (state) {
      state.active++;
      response.on('close', () => {
        state.active--;
        state.served = true;
      });
    }
    if (stopping) response.setHeader('Connection', 'close'); // la connexion se ferme après cette réponse
  });
  const closeIdle = (stoppedAt: number) => {
    for (const [socket, state] of sockets)
      if (state.active === 0 && (state.served || Date.now() - stoppedAt > UNUSED_CONNECTION_MS)) socket.destroy();
  };
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('Arrêt demandé : les requêtes en cours se terminent.');
    // Encore un instant à l'écoute (les connexions déjà ouvertes vers ce port sont acceptées et servies, /sante
    // répond 503 au répartiteur), puis plus rien de neuf. net.Server.close et non http.Server.close : celui-ci
    // couperait une connexion acceptée dont la requête n'est pas encore lue.
    let idle: NodeJS.Timeout | undefined;
    const stoppedAt = Date.now();
    // Cesser d'écouter seulement quand plus aucune connexion n'arrive : sur un serveur chargé, des connexions attendent
    // d'être acceptées (elles le sont dans la phase « poll », après les minuteurs) et fermer l'écoute les couperait.
    const closed = new Promise((resolve) => {
      const closeWhenQuiet = () =>
        setImmediate(() => {
          const quiet = Date.now() - lastConnectionAt >= QUIET_MS;
          if (!quiet && Date.now() - stoppedAt < MAX_LISTEN_MS) return void setTimeout(closeWhenQuiet, QUIET_MS);
          net.Server.prototype.close.call(server, resolve);
          idle = setInterval(() => closeIdle(stoppedAt), 100);
        });
      setTimeout(closeWhenQuiet, LISTEN_GRACE_MS);
    });
    const deadline = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    void services.events
      .close()
      .then(() => Promise.all([closed, stopWorker?.()]))
      .then(() => services.database.close())
      .catch((error: unknown) => console.error(`Arrêt : ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        clearTimeout(deadline);
        clearInterval(idle);
        console.log('Relais est arrêté.');
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // Erreurs de démarrage attendues (base illisible, serveur injoignable, production avec démo) : message clair.
  console.error(`Relais n'a pas pu démarrer : ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
