// Démarrage : ouvrir la base du mode choisi, migrer, semer la démonstration si la base est vide,
// refuser la production avec des comptes de démonstration. Utilisé par le serveur et la CLI. Il assemble la
// plateforme et les capacités (le semis de démonstration) : il vit donc au-dessus des deux, comme jobs.server.ts.
import { RouterContextProvider } from 'react-router';
import { countDemoAccounts, isDatabaseEmpty, seedDemo, STORIES } from './capabilities/demo/seed-demo.server';
import { liveDemoDay } from './capabilities/demo/today.server';
import { demoPortalLines } from './capabilities/demo/seed-spaces.server';
import { openDatabase, type Database } from './db/database.server';
import { migrate } from './db/migrate.server';
import { withApplicationRole } from './db/app-role.server';
import type { Config } from './platform/config.server';
import { authorizationContext, nonceContext, servicesContext } from './platform/context';
import { createEventHub } from './platform/events.server';
import { instanceKeys, type InstanceKeys } from './platform/key-ring.server';
import { configuredStorage } from './platform/file-storage.server';
import { createMailer } from './platform/mail.server';
import { createSmsSender } from './platform/sms.server';
import { closeContents, secureDataDir } from './platform/data-dir.server';
import { setTimeZone } from './platform/time';
import type { Services } from './platform/services.server';

export class StartupRefusal extends Error {}

/** Ouvre la base du mode choisi, après avoir fermé (ou vérifié) le dossier de données. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  secureDataDir(config.dataDir);
  const database = config.databaseUrl
    ? await openDatabase({ kind: 'postgresql', url: config.databaseUrl })
    : await openDatabase({ kind: 'pglite', dataDir: config.dataDir });
  // Ce que le dossier contient (dont les fichiers que PGlite crée en 0666) est refermé, une fois ; le dossier, fermé,
  // les protège d'ici là.
  closeContents(config.dataDir);
  return database;
}

export async function bootstrap(config: Config, log: (line: string) => void = () => {}): Promise<Services> {
  setTimeZone(config.timeZone);
  let database = await openConfiguredDatabase(config);
  try {
    const files = await configuredStorage(config);
    // Plusieurs instances démarrent ensemble sur un serveur : une seule à la fois migre et sème la démonstration.
    const owner = database;
    let keys: InstanceKeys | undefined;
    database = await owner.exclusive(async () => {
      await migrate(owner);
      keys = await instanceKeys(owner, config);
      const { masterKey, rootKey } = keys;
      const ready = config.databaseUrl ? await withApplicationRole(owner, config.databaseUrl, masterKey, config.databaseAppUrl) : owner;
      if (config.demo && (await isDatabaseEmpty(ready))) {
        log('Base vide : création du jeu de démonstration d’Alpha…');
        await seedDemo(ready, { links: { masterKey, rootKey, config }, files });
      }
      // La démonstration ouverte un autre jour que son semis rattrape les jours passés et ouvre la matinée.
      if (config.demo) {
        await liveDemoDay(ready, STORIES, new Date());
        for (const line of await demoPortalLines(ready, rootKey, config)) log(line);
      }
      return ready;
    });
    if (config.declaredProduction && (await countDemoAccounts(database)) > 0)
      throw new StartupRefusal(
        'NODE_ENV=production mais des comptes de démonstration existent dans cette base : Relais refuse de démarrer. ' +
          'Utilisez une base sans démonstration (RELAIS_DEMO=0 sur une base neuve).',
      );
    return {
      config,
      database,
      mail: createMailer(config),
      sms: createSmsSender(config),
      ...keys!,
      now: () => new Date(),
      events: await createEventHub(database),
      files,
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Contexte de chaque requête ; exporté par le build serveur pour que le serveur HTTP et les routes partagent les mêmes clés. */
export function createLoadContext(services: Services, nonce: string) {
  const context = new RouterContextProvider();
  context.set(servicesContext, services);
  context.set(nonceContext, nonce);
  context.set(authorizationContext, { decided: null });
  return context;
}
