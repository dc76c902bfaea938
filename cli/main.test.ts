import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/database';
import type { Database } from '../app/db/database.server';
import { memberships, structures, users } from '../app/platform/schema';
import { operatorTransaction } from '../app/db/transaction.server';
import { DEMO_ACCOUNTS } from '../app/capabilities/demo/seed-demo.server';
import { instanceKeys } from '../app/platform/key-ring.server';
import { COMMANDS, run } from './main';

const opened: Array<{ close: () => Promise<void> }> = [];
afterAll(async () => {
  for (const database of opened) await database.close();
});

/** Lance la CLI ; la base de test n'est créée que si la commande l'ouvre (l'aide n'en a pas besoin). */
async function relais(args: string[]) {
  let database: Database | undefined;
  const lines: string[] = [];
  const code = await run(
    args,
    (line) => lines.push(line),
    async () => {
      if (!database) {
        database = await createTestDatabase();
        opened.push(database);
      }
      return { ...database, close: async () => {} };
    },
  );
  return { code, output: lines.join('\n'), database: database! };
}

/** La CLI sur une base déjà ouverte ; chaque ligne écrite va dans `lines`. */
const cliOn = (database: Database, lines: string[]) => (args: string[]) =>
  run(
    args,
    (line) => lines.push(line),
    async () => ({ ...database, close: async () => {} }),
  );

/** Exécute `work` avec ces variables d'environnement (undefined : absente), puis remet les précédentes. */
async function withEnv(values: Record<string, string | undefined>, work: () => Promise<void>) {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  const apply = (entries: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(values);
  try {
    await work();
  } finally {
    apply(saved);
  }
}

describe('CLI relais : worker', () => {
  it('fait un tour : programme puis exécute les travaux périodiques de chaque structure, une fois par créneau', async () => {
    await withEnv({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'relais-worker-')) }, async () => {
      const database = await createTestDatabase();
      opened.push(database);
      const lines: string[] = [];
      const cli = cliOn(database, lines);
      await cli(['create-structure', '--slug', 'gamma', '--name', 'CCAS de Gamma']);
      expect(await cli(['worker', '--once'])).toBe(0);
      // Les tâches périodiques : relance des orientations, ménage des envois, purge de conservation, ménage du coffre-fort,
      // rappels des papiers qui expirent, rappels des rendez-vous, places plus tôt proposées.
      expect(lines.at(-1)).toBe('1 structure(s) : 9 travail(aux) fait(s), 0 message(s) envoyé(s).');
      expect(await cli(['worker', '--once'])).toBe(0);
      expect(lines.at(-1)).toBe('1 structure(s) : 0 travail(aux) fait(s), 0 message(s) envoyé(s).');
      expect(await cli(['worker', '--interval', '0'])).toBe(1);
      expect(lines.join('\n')).toContain('--interval : un nombre de secondes, de 1 à 3600.');
      expect(await cli(['purge', '--essai'])).toBe(0);
      expect(lines.at(-2)).toBe('Essai, rien n’est changé. Sessions, liens et demandes expirés : 0 seraient effacé(s).');
      expect(lines.at(-1)).toMatch(/^gamma : 0 sollicitation\(s\) et 0 arrivée\(s\) seraient anonymisée\(s\)/);
    });
  });
});

describe('CLI relais : changement de clé maîtresse', () => {
  it('remplace master.key, met l’ancienne de côté (0600) et garde la racine ; avec RELAIS_MASTER_KEY, demande la nouvelle', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-rotation-'));
    await withEnv({ DATA_DIR: dataDir, RELAIS_MASTER_KEY: undefined, RELAIS_NEW_MASTER_KEY: undefined }, async () => {
      const database = await createTestDatabase();
      opened.push(database);
      const lines: string[] = [];
      const cli = cliOn(database, lines);
      const keyFile = path.join(dataDir, 'master.key');
      const before = await instanceKeys(database, { masterKey: null, dataDir });
      expect(await cli(['rotate-master-key'])).toBe(0);
      expect(lines.join('\n')).toMatch(/Clé maîtresse changée : clé racine et 0 coffre\(s\)-fort\(s\) de 0 structure\(s\) réenveloppés/);
      const retired = fs.readdirSync(dataDir).filter((f) => f.startsWith('master.key.ancienne-'));
      expect(retired).toHaveLength(1);
      expect(fs.readFileSync(path.join(dataDir, retired[0]!), 'utf8')).toBe(before.masterKey.toString('base64'));
      expect(fs.statSync(path.join(dataDir, retired[0]!)).mode & 0o777).toBe(0o600);
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      const after = await instanceKeys(database, { masterKey: null, dataDir });
      expect([after.masterKey.equals(before.masterKey), after.rootKey.equals(before.rootKey)]).toEqual([false, true]);

      process.env.RELAIS_MASTER_KEY = after.masterKey.toString('base64');
      expect(await cli(['rotate-master-key'])).toBe(1);
      expect(lines.at(-1)).toMatch(/donnez la nouvelle clé dans RELAIS_NEW_MASTER_KEY/);
      const next = crypto.randomBytes(32).toString('base64');
      process.env.RELAIS_NEW_MASTER_KEY = next;
      expect(await cli(['rotate-master-key'])).toBe(0);
      expect(lines.at(-1)).toMatch(/Remplacez maintenant RELAIS_MASTER_KEY/);
      expect((await instanceKeys(database, { masterKey: next, dataDir })).rootKey.equals(before.rootKey)).toBe(true);
      process.env.RELAIS_MASTER_KEY = crypto.randomBytes(32).toString('base64');
      expect(await cli(['rotate-master-key'])).toBe(1);
      expect(lines.at(-1)).toMatch(/ne correspond pas à cette base/);
    });
  });
});

describe('CLI relais : sauvegarde et restauration', () => {
  it('scelle l’archive par la clé de la base ; restaurée ailleurs avec cette clé, la base rouvre le même trousseau', async () => {
    const dir = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `relais-${name}-`));
    const [source, target, stranger] = [dir('source'), dir('cible'), dir('autre')];
    await withEnv({ DATA_DIR: undefined, RELAIS_MASTER_KEY: undefined }, async () => {
      const [from, to] = [await createTestDatabase(), await createTestDatabase()];
      opened.push(from, to);
      const lines: string[] = [];
      const cli = (database: Database, dataDir: string, args: string[]) => {
        process.env.DATA_DIR = dataDir;
        return cliOn(database, lines)(args);
      };
      const archive = path.join(source, 'relais.relais');
      expect(await cli(from, source, ['create-structure', '--slug', 'gamma', '--name', 'CCAS de Gamma'])).toBe(0);
      expect(await cli(from, source, ['backup', archive])).toBe(0);
      expect(fs.statSync(archive).mode & 0o777).toBe(0o600);
      const original = await instanceKeys(from, { masterKey: null, dataDir: source });

      expect(await cli(to, stranger, ['restore', archive])).toBe(1);
      expect(lines.at(-1)).toMatch(/ne se déchiffre pas.*copiez son fichier master.key/);
      fs.copyFileSync(path.join(source, 'master.key'), path.join(target, 'master.key'));
      expect(await cli(to, target, ['restore', archive])).toBe(0);
      expect(lines.at(-2)).toMatch(/restaurée : \d+ tables identiques à l'archive/);
      const restored = await instanceKeys(to, { masterKey: null, dataDir: target });
      expect(restored.rootKey.equals(original.rootKey)).toBe(true);
    });
  });
});

describe('CLI relais : annuaire au format national', () => {
  it('importe un fichier (erreurs par ligne, code 1), exporte, réimporte l’export sans erreur', async () => {
    const database = await createTestDatabase();
    opened.push(database);
    const lines: string[] = [];
    const cli = cliOn(database, lines);
    await cli(['create-structure', '--slug', 'gamma', '--name', 'CCAS de Gamma']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-cli-'));
    const file = path.join(dir, 'lieux.csv');
    fs.writeFileSync(
      file,
      [
        'id,pivot,nom,adresse,commune,code_postal,services,date_maj',
        'g-1,00000000000000,Médiathèque de Gamma,1 rue Haute,Tours,37000,Aide aux démarches administratives,2026-11-30',
        'g-2,00000000000000,Lieu mal écrit,1 rue Basse,Tours,370,Aide aux démarches administratives,2026-11-30',
      ].join('\n'),
    );
    expect(await cli(['import-lieux', file, '--structure', 'gamma'])).toBe(1);
    expect(lines).toContain('ligne 3 (code_postal) : Le code postal doit compter 5 chiffres (reçu « 370 »).');
    expect(lines).toContain('CCAS de Gamma : 2 lieu(x) lu(s), 1 créé(s), 0 mis à jour, 1 refusé(s).');
    lines.length = 0;
    expect(await cli(['export-lieux', '--structure', 'gamma'])).toBe(0);
    const csv = lines.join('\n');
    expect(csv.split('\r\n')[0]).toMatch(/^id,pivot,nom,adresse,commune,code_postal,/);
    expect(csv).toContain('g-1,00000000000000,Médiathèque de Gamma,1 rue Haute,Tours,37000,37261,');
    fs.writeFileSync(file, csv);
    lines.length = 0;
    expect(await cli(['import-lieux', file, '--structure', 'gamma'])).toBe(0);
    expect(lines).toEqual(['CCAS de Gamma : 1 lieu(x) lu(s), 0 créé(s), 1 mis à jour, 0 refusé(s).']);
    lines.length = 0;
    expect(await cli(['import-lieux', path.join(dir, 'absent.csv'), '--structure', 'gamma'])).toBe(1);
    expect(lines[0]).toMatch(/^Fichier introuvable/);
    lines.length = 0;
    expect(await cli(['export-lieux', '--structure', 'delta'])).toBe(1);
    expect(lines[0]).toMatch(/^--structure : aucune structure « delta »\./);
  });
});

describe('CLI relais', () => {
  it('liste les commandes et documente chacune', async () => {
    const { code, output } = await relais(['--help']);
    expect(code).toBe(0);
    for (const name of ['migrate', 'seed-demo', 'create-structure', 'create-user', 'import-lieux', 'export-lieux'])
      expect(output).toContain(name);
    for (const name of Object.keys(COMMANDS)) expect((await relais([name, '--help'])).output).toContain(`Usage : relais ${name}`);
  });

  it('refuse une commande inconnue ou une option manquante, en français', async () => {
    expect(await relais(['inventer'])).toMatchObject({ code: 1, output: expect.stringContaining('Commande inconnue') });
    expect(await relais(['create-structure', '--slug', 'x'])).toMatchObject({
      code: 1,
      output: expect.stringContaining("L'option --name est obligatoire."),
    });
    expect(await relais(['create-structure', '--slug', 'Mal Écrit', '--name', 'X'])).toMatchObject({ code: 1 });
    expect(await relais(['create-structure', '--slug', 'x', '--name', 'X', '--type', 'INCONNUE'])).toMatchObject({
      output: expect.stringContaining("n'est pas une typologie nationale"),
    });
  });

  it('crée une structure puis un agent qui y est rattaché', async () => {
    const first = await relais(['create-structure', '--slug', 'cias-gamma', '--name', 'CIAS de Gamma', '--type', 'CIAS']);
    expect(first).toMatchObject({ code: 0, output: 'Structure « CIAS de Gamma » créée (cias-gamma).' });
    const database = first.database;
    const lines: string[] = [];
    const reuse = async () => ({ ...database, close: async () => {} });
    expect(
      await run(
        ['create-user', '--email', 'Agent@Gamma.test', '--name', 'Agent Gamma', '--structure', 'cias-gamma', '--role', 'responsable'],
        (l) => lines.push(l),
        reuse,
      ),
    ).toBe(0);
    expect(
      await run(
        ['create-user', '--email', 'x@gamma.test', '--name', 'X', '--structure', 'inconnue', '--role', 'mediateur'],
        (l) => lines.push(l),
        reuse,
      ),
    ).toBe(1);
    expect(
      await run(
        ['create-user', '--email', 'x@gamma.test', '--name', 'X', '--structure', 'cias-gamma', '--role', 'chef'],
        (l) => lines.push(l),
        reuse,
      ),
    ).toBe(1);
    expect(lines.join('\n')).toContain('aucune structure « inconnue »');
    const rows = await operatorTransaction(database, (tx) =>
      tx
        .select({ email: users.email, role: memberships.role, slug: structures.slug })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .innerJoin(structures, eq(structures.id, memberships.structureId)),
    );
    expect(rows).toEqual([{ email: 'agent@gamma.test', role: 'responsable', slug: 'cias-gamma' }]);
  });

  it('sème la démonstration (histoire complète) de façon idempotente', async () => {
    const { code, database } = await relais(['seed-demo']);
    expect(code).toBe(0);
    expect(
      await run(
        ['seed-demo'],
        () => {},
        async () => ({ ...database, close: async () => {} }),
      ),
    ).toBe(0);
    const count = await operatorTransaction(database, async (tx) => (await tx.select().from(users)).length);
    expect(count).toBe(DEMO_ACCOUNTS.length);

    // Le journal des actes sous mandat de la démonstration est intact ; une ligne retouchée est nommée.
    const lines: string[] = [];
    const reuse = async () => ({ ...database, close: async () => {} });
    expect(await run(['verify-journal'], (l) => lines.push(l), reuse)).toBe(0);
    expect(lines.join('\n')).toMatch(/alpha : \d+ actes, chaîne intacte\./);
    await operatorTransaction(database, (tx) =>
      tx.execute(
        sql`update mandate_acts set what_done = 'retouché' where seq = 3 and structure_id = (select id from structures where slug = 'alpha')`,
      ),
    );
    lines.length = 0;
    expect(await run(['verify-journal'], (l) => lines.push(l), reuse)).toBe(1);
    expect(lines.join('\n')).toContain(
      'alpha : CHAÎNE CASSÉE à la ligne 3 — le contenu ne correspond plus à son empreinte (ligne modifiée).',
    );
  }, 180_000); // l'histoire complète : ~20 s sur PGlite, davantage sur une machine chargée
});
