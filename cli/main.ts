// La commande `relais` : gestes d'exploitant (docs/architecture.md). Chaque commande a son --help.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { addMembership, makeStructure, makeUser } from '../app/db/builders.server';
import { DatabaseOpenError, type Database } from '../app/db/database.server';
import { migrate } from '../app/db/migrate.server';
import { structures } from '../app/platform/schema';
import { operatorTransaction, transaction } from '../app/db/transaction.server';
import { requestPasswordReset } from '../app/capabilities/accounts/password-reset.server';
import { emailField, passwordProblem } from '../app/capabilities/accounts/rules';
import { TYPOLOGY_LABELS } from '../app/capabilities/administration/typologies';
import { seedNational } from '../app/capabilities/demo/national.server';
import { exportPlaces, importPlaces } from '../app/capabilities/directory/import-places.server';
import { seedDemo } from '../app/capabilities/demo/seed-demo.server';
import { CHAIN_REASONS } from '../app/capabilities/mandates/journal-chain';
import { verifyJournals } from '../app/capabilities/mandates/journal.server';
import { openConfiguredDatabase } from '../app/bootstrap.server';
import { DataDirRefusal } from '../app/platform/data-dir.server';
import { configuredStorage } from '../app/platform/file-storage.server';
import { loadConfig } from '../app/platform/config.server';
import { loadMasterKey } from '../app/platform/crypto.server';
import { instanceKeys, MasterKeyMismatch, nextMasterKeyFile, promoteNextKey } from '../app/platform/key-ring.server';
import { rotateMasterKey } from '../app/key-rotation.server';
import { createMailer } from '../app/platform/mail.server';
import { runScoped } from '../app/platform/request.server';
import { createSmsSender } from '../app/platform/sms.server';
import { runWorkerTurn, startWorker, type TurnReport } from '../app/platform/jobs/worker.server';
import { isRole, ROLES } from '../app/platform/policies';
import type { Services } from '../app/platform/services.server';
import { INSTANCE_TASKS, JOB_DEFINITIONS } from '../app/jobs.server';
import { BackupRefusal, openArchive, sealArchive, type BackupKey } from '../app/platform/backup/archive.server';
import { dumpInstance, restoreInstance } from '../app/platform/backup/backup.server';
import { purgeInstance } from '../app/retention.server';

type Options = Record<string, string | boolean | undefined>;

interface Command {
  summary: string;
  usage: string;
  options?: Record<string, { type: 'string' | 'boolean' }>;
  /** Nom de l'argument sans option attendu (un fichier), rangé dans les options sous ce nom. */
  positional?: string;
  run: (database: Database, options: Options, out: (line: string) => void) => Promise<void>;
}

export class UsageError extends Error {}
/** La commande a fait son travail et conclut à un échec (code de sortie 1). */
export class CommandFailed extends Error {}

const required = (options: Options, name: string) => {
  const value = options[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`L'option --${name} est obligatoire.`);
  return value.trim();
};

export const COMMANDS: Record<string, Command> = {
  migrate: {
    summary: 'Applique les migrations de la base (embarquée, ou DATABASE_URL).',
    usage: 'relais migrate',
    run: async (database, _options, out) => {
      await database.exclusive(() => migrate(database));
      out('Migrations appliquées.');
    },
  },
  'seed-demo': {
    summary:
      "Crée (ou complète) le jeu de démonstration d'Alpha ; avec --structures N, ajoute N structures à l'échelle nationale (40 000 sollicitations chacune) pour les mesures sur un serveur PostgreSQL.",
    usage: 'relais seed-demo [--structures <N, de 1 à 1000>]',
    options: { structures: { type: 'string' } },
    run: async (database, options, out) => {
      await database.exclusive(() => migrate(database));
      if (options.structures === undefined) {
        const config = loadConfig();
        await seedDemo(database, {
          links: { ...(await instanceKeys(database, config)), config },
          files: await configuredStorage(config),
        });
        out('Jeu de démonstration en place (mot de passe des comptes : relais-demo).');
        return;
      }
      const count = Number(options.structures);
      if (!Number.isInteger(count) || count < 1 || count > 1000) throw new UsageError('--structures : un nombre entier de 1 à 1000.');
      if (database.kind === 'pglite' && count > 5)
        out(
          'Attention : sur la base embarquée, compter plusieurs minutes par structure. Ce jeu est fait pour un serveur PostgreSQL (DATABASE_URL).',
        );
      const started = Date.now();
      const created = await seedNational(database, count, new Date(), out);
      out(
        `${created} structure${created > 1 ? 's' : ''} nationale${created > 1 ? 's' : ''} ajoutée${created > 1 ? 's' : ''} en ${Math.round((Date.now() - started) / 1000)} s (${count} en tout).`,
      );
    },
  },
  backup: {
    summary:
      'Écrit une sauvegarde chiffrée de toute la base (un seul instantané) et des fichiers ; chiffrée par la clé maîtresse, ou par une phrase de passe lue sur l’entrée standard avec --phrase.',
    usage: 'relais backup <fichier> [--phrase]',
    positional: 'file',
    options: { phrase: { type: 'boolean' } },
    run: async (database, options, out) => {
      const file = required(options, 'file');
      if (fs.existsSync(file))
        throw new UsageError(`${file} existe déjà : choisissez un autre nom (une sauvegarde n'en écrase jamais une autre).`);
      const config = loadConfig();
      // La clé qui ouvre le trousseau de cette base (un changement de clé interrompu est d'abord achevé) : une archive
      // scellée par une autre ne redémarrerait pas une fois restaurée.
      const key = await backupKey(options, async () => (await instanceKeys(database, config)).masterKey);
      const content = await dumpInstance(database, await configuredStorage(config), new Date());
      const archive = sealArchive(content, key);
      fs.writeFileSync(file, archive, { mode: 0o600, flag: 'wx' });
      const rows = content.tables.reduce((sum, t) => sum + t.rows.length, 0);
      out(
        `Sauvegarde écrite : ${file} (${(archive.length / 1024).toFixed(0)} Kio, ${content.tables.length} tables, ${rows} lignes, ${Object.keys(content.files).length} fichiers).`,
      );
    },
  },
  purge: {
    summary:
      'Applique les règles de conservation (le worker le fait chaque nuit) : sollicitations et arrivées de plus de 2 ans détachées de la personne, fiches sans activité signalées puis anonymisées 30 jours après, sessions et liens expirés effacés ; --essai montre ce qui changerait sans rien changer.',
    usage: 'relais purge [--essai]',
    options: { essai: { type: 'boolean' } },
    run: async (database, options, out) => {
      await database.exclusive(() => migrate(database));
      const dryRun = options.essai === true;
      const config = loadConfig();
      const report = await purgeInstance(database, { now: new Date(), sessionIdleMinutes: config.sessionIdleMinutes, dryRun });
      const verb = dryRun ? 'seraient' : 'ont été';
      out(`${dryRun ? 'Essai, rien n’est changé. ' : ''}Sessions, liens et demandes expirés : ${report.expired} ${verb} effacé(s).`);
      for (const s of report.structures)
        out(
          `${s.slug} : ${s.solicitations} sollicitation(s) et ${s.queueEntries} arrivée(s) ${verb} anonymisée(s) ; ` +
            `${s.personsWarned} fiche(s) ${dryRun ? 'seraient signalées' : 'signalée(s)'}, ${s.personsAnonymised} anonymisée(s) ; ` +
            `${s.messages} message(s) et ${s.jobs} travail(aux) de plus de 30 jours ${verb} effacé(s).`,
        );
    },
  },
  restore: {
    summary:
      'Restaure une sauvegarde dans une base vide (DATA_DIR neuf, ou base neuve de DATABASE_URL) ; refuse une base non vide, une clé fausse, une archive tronquée, altérée ou d’une version plus récente, sans rien écrire.',
    usage: 'relais restore <fichier> [--phrase]',
    positional: 'file',
    options: { phrase: { type: 'boolean' } },
    run: async (database, options, out) => {
      const file = required(options, 'file');
      if (!fs.existsSync(file)) throw new UsageError(`${file} n'existe pas.`);
      const config = loadConfig();
      try {
        // La base est vide : rien à vérifier, la clé est celle de l'instance sauvegardée.
        const key = await backupKey(options, async () => loadMasterKey(config.masterKey, config.dataDir));
        const content = openArchive(fs.readFileSync(file), key);
        await restoreInstance(database, content, await configuredStorage(config));
        const reports = await verifyJournals(database);
        out(
          `Sauvegarde du ${content.createdAt} restaurée : ${content.tables.length} tables identiques à l'archive, ${Object.keys(content.files).length} fichiers.`,
        );
        out(
          `Journal des mandats : ${reports.every((r) => r.check.ok) ? 'chaîne intacte dans chaque structure' : 'CHAÎNE CASSÉE (voir relais verify-journal)'}.`,
        );
      } catch (error) {
        if (!(error instanceof BackupRefusal)) throw error;
        const hint = options.phrase
          ? ''
          : ' Une sauvegarde se restaure avec la clé maîtresse de l’instance qui l’a faite : copiez son fichier master.key dans DATA_DIR (ou donnez RELAIS_MASTER_KEY).';
        throw new CommandFailed(`${error.message}${/déchiffre/.test(error.message) ? hint : ''}`);
      }
    },
  },
  'rotate-master-key': {
    summary:
      'Change la clé maîtresse : réenveloppe la clé racine et celle de chaque coffre-fort, sans toucher aux fichiers. Serveurs et worker arrêtés ; avec RELAIS_MASTER_KEY, la nouvelle clé vient de RELAIS_NEW_MASTER_KEY.',
    usage: 'relais rotate-master-key   (RELAIS_NEW_MASTER_KEY=<32 octets en base64> si RELAIS_MASTER_KEY est utilisée)',
    run: async (database, _options, out) => {
      await database.exclusive(() => migrate(database));
      const config = loadConfig();
      const { masterKey } = await instanceKeys(database, config);
      const now = new Date();
      if (config.masterKey) {
        const next = newKeyFromEnv(process.env.RELAIS_NEW_MASTER_KEY);
        if (next.equals(masterKey)) throw new UsageError('RELAIS_NEW_MASTER_KEY est la clé actuelle : donnez une clé neuve.');
        const report = await rotateMasterKey(database, masterKey, next, now);
        out(rotationSummary(report));
        out(
          'Remplacez maintenant RELAIS_MASTER_KEY par la nouvelle clé partout où Relais démarre (serveurs, worker), puis redémarrez. ' +
            'Gardez l’ancienne clé hors ligne : elle seule ouvre les sauvegardes faites avant ce changement.',
        );
        return;
      }
      const nextFile = nextMasterKeyFile(config.dataDir);
      const next = crypto.randomBytes(32);
      fs.writeFileSync(nextFile, next.toString('base64'), { mode: 0o600, flag: 'wx' });
      try {
        out(rotationSummary(await rotateMasterKey(database, masterKey, next, now)));
      } catch (error) {
        fs.rmSync(nextFile, { force: true });
        throw error;
      }
      const retired = promoteNextKey(config.dataDir, now);
      out(
        `Nouvelle clé dans ${path.join(config.dataDir, 'master.key')}.` +
          (retired
            ? ` L’ancienne est dans ${retired} : rangez-la hors ligne (elle seule ouvre les sauvegardes faites avant ce changement), puis effacez-la de ce serveur.`
            : ''),
      );
    },
  },
  'verify-journal': {
    summary: 'Vérifie la chaîne du journal des actes sous mandat de chaque structure ; nomme la première ligne cassée.',
    usage: 'relais verify-journal',
    run: async (database, _options, out) => {
      const reports = await verifyJournals(database);
      let broken = 0;
      for (const { slug, check } of reports) {
        if (check.ok) out(`${slug} : ${check.count} acte${check.count > 1 ? 's' : ''}, chaîne intacte.`);
        else {
          broken++;
          out(`${slug} : CHAÎNE CASSÉE à la ligne ${check.seq} — ${CHAIN_REASONS[check.reason]}.`);
        }
      }
      if (broken > 0)
        throw new CommandFailed(
          `${broken} journal${broken > 1 ? 'aux' : ''} altéré${broken > 1 ? 's' : ''} : ne corrigez rien à la main, conservez une copie de la base et prévenez le responsable de la structure.`,
        );
    },
  },
  'import-lieux': {
    summary:
      "Importe un fichier de lieux au format national (CSV ou JSON) dans l'annuaire d'une structure ; rapporte chaque erreur par ligne.",
    usage: 'relais import-lieux <fichier.csv|fichier.json> --structure <slug>',
    options: { structure: { type: 'string' } },
    positional: 'file',
    run: async (database, options, out) => {
      const file = required(options, 'file');
      if (!fs.existsSync(file)) throw new UsageError(`Fichier introuvable : ${file}`);
      await database.exclusive(() => migrate(database));
      const structure = await structureBySlug(database, required(options, 'structure'));
      const actor = { structureId: structure.id, userId: null };
      const report = await transaction(database, actor, (tx) =>
        importPlaces({ tx, actor }, { name: path.basename(file), bytes: fs.readFileSync(file) }),
      );
      if (!report.ok) throw new CommandFailed(`Fichier refusé : ${report.error}`);
      const unit = report.format === 'csv' ? 'ligne' : 'lieu n°';
      for (const issue of report.errors) out(`${unit} ${issue.line}${issue.column ? ` (${issue.column})` : ''} : ${issue.message}`);
      for (const issue of report.warnings)
        out(`${unit} ${issue.line}${issue.column ? ` (${issue.column})` : ''} — avertissement : ${issue.message}`);
      if (report.ignoredColumns.length) out(`Colonnes ignorées : ${report.ignoredColumns.join(', ')}.`);
      out(
        `${structure.name} : ${report.total} lieu(x) lu(s), ${report.created} créé(s), ${report.updated} mis à jour, ${report.rejected} refusé(s).`,
      );
      if (report.rejected > 0)
        throw new CommandFailed(
          'Des lignes ont été refusées : corrigez-les puis relancez (les lieux importés seront mis à jour, sans doublon).',
        );
    },
  },
  'export-lieux': {
    summary: "Écrit sur la sortie standard l'annuaire d'une structure au format national (CSV, ou JSON avec --json).",
    usage: 'relais export-lieux --structure <slug> [--json]',
    options: { structure: { type: 'string' }, json: { type: 'boolean' } },
    run: async (database, options, out) => {
      await database.exclusive(() => migrate(database));
      const structure = await structureBySlug(database, required(options, 'structure'));
      const actor = { structureId: structure.id, userId: null };
      const body = await transaction(database, actor, (tx) => exportPlaces({ tx, actor }, options.json ? 'json' : 'csv'));
      out(body.replace(/\r?\n$/, ''));
    },
  },
  worker: {
    summary:
      'Exécute les travaux différés (relances, expirations, ménage) et envoie les e-mails et SMS en attente ; à lancer seul quand plusieurs serveurs web tournent avec RELAIS_WORKER_INTERVAL=0.',
    usage: 'relais worker [--once] [--interval <secondes, défaut 30>]',
    options: { once: { type: 'boolean' }, interval: { type: 'string' } },
    run: async (database, options, out) => {
      const seconds = options.interval === undefined ? 30 : Number(options.interval);
      if (!Number.isFinite(seconds) || seconds < 1 || seconds > 3600)
        throw new UsageError('--interval : un nombre de secondes, de 1 à 3600.');
      await database.exclusive(() => migrate(database));
      const services = await servicesFor(database);
      const describe = (r: TurnReport) =>
        `${r.structures} structure(s) : ${r.jobs} travail(aux) fait(s), ${r.messages} message(s) envoyé(s).`;
      if (options.once) {
        out(describe(await runWorkerTurn(services, JOB_DEFINITIONS, INSTANCE_TASKS)));
        return;
      }
      out(`Worker démarré (un tour toutes les ${seconds} s) ; Ctrl+C pour l'arrêter.`);
      const stop = startWorker(services, JOB_DEFINITIONS, INSTANCE_TASKS, seconds * 1000, out);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await stop();
      out('Worker arrêté.');
    },
  },
  'create-structure': {
    summary: 'Crée une structure (le locataire : CCAS, CIAS, France Services, lieu partenaire…).',
    usage: 'relais create-structure --slug <identifiant> --name <nom> [--type <typologie nationale, ex. CCAS>]',
    options: { slug: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' } },
    run: async (database, options, out) => {
      const slug = required(options, 'slug');
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug))
        throw new UsageError('--slug : lettres minuscules, chiffres et tirets seulement (ex. ccas-alpha).');
      const typology = typeof options.type === 'string' ? options.type : null;
      if (typology && !(typology in TYPOLOGY_LABELS)) throw new UsageError(`--type : « ${typology} » n'est pas une typologie nationale.`);
      await database.exclusive(() => migrate(database));
      const structure = await operatorTransaction(database, (tx) => makeStructure(tx, { slug, name: required(options, 'name'), typology }));
      out(structure.createdNow ? `Structure « ${structure.name} » créée (${slug}).` : `La structure ${slug} existe déjà.`);
    },
  },
  'create-user': {
    summary: 'Crée un agent et le rattache à une structure avec un rôle. Sans --password-stdin, il reçoit un lien par e-mail.',
    usage: `relais create-user --email <e-mail> --name <prénom nom> --structure <slug> --role <${ROLES.join('|')}> [--password-stdin]`,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      structure: { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
    run: async (database, options, out) => {
      const email = emailField.safeParse(required(options, 'email'));
      if (!email.success) throw new UsageError(`--email : ${email.error.issues[0]?.message}`);
      const role = required(options, 'role');
      if (!isRole(role)) throw new UsageError(`--role : choisissez parmi ${ROLES.join(', ')}.`);
      const password = options['password-stdin'] ? (await readStdin()).replace(/\r?\n$/, '') : undefined;
      if (password !== undefined) {
        const problem = passwordProblem(password, email.data);
        if (problem) throw new UsageError(problem);
      }
      await database.exclusive(() => migrate(database));
      const slug = required(options, 'structure');
      const created = await operatorTransaction(database, async (tx) => {
        const [structure] = await tx.select().from(structures).where(eq(structures.slug, slug));
        if (!structure) throw new UsageError(`--structure : aucune structure « ${slug} ».`);
        const user = await makeUser(tx, { email: email.data, displayName: required(options, 'name'), password });
        await addMembership(tx, { structureId: structure.id, userId: user.id, role });
        return { structure, user };
      });
      out(`Agent ${created.user.email} rattaché à ${created.structure.name} (${role}).`);
      if (!created.user.passwordHash) {
        const config = loadConfig();
        await runScoped(await servicesFor(database, config), (scope) => requestPasswordReset(scope, email.data));
        out(
          config.smtpUrl
            ? 'Lien de choix du mot de passe envoyé par e-mail.'
            : `Lien de choix du mot de passe écrit dans ${config.dataDir}/outbox.`,
        );
      }
    },
  },
};

/** Ce dont les cas d'usage ont besoin, hors serveur : la base ouverte par la commande, l'envoi réel des messages. */
async function servicesFor(database: Database, config = loadConfig()): Promise<Services> {
  return {
    config,
    database,
    mail: createMailer(config),
    sms: createSmsSender(config),
    ...(await instanceKeys(database, config)),
    now: () => new Date(),
    events: { subscribe: () => () => {}, close: async () => {} },
    files: await configuredStorage(config),
  };
}

function newKeyFromEnv(value: string | undefined) {
  const key = Buffer.from(value?.trim() ?? '', 'base64');
  if (key.length !== 32)
    throw new UsageError(
      'RELAIS_MASTER_KEY est utilisée : donnez la nouvelle clé dans RELAIS_NEW_MASTER_KEY (32 octets en base64, par exemple : openssl rand -base64 32).',
    );
  return key;
}

const rotationSummary = (report: { structures: number; vaults: number }) =>
  `Clé maîtresse changée : clé racine et ${report.vaults} coffre(s)-fort(s) de ${report.structures} structure(s) réenveloppés ; aucun fichier réécrit.`;

async function structureBySlug(database: Database, slug: string) {
  const [structure] = await operatorTransaction(database, (tx) => tx.select().from(structures).where(eq(structures.slug, slug)));
  if (!structure) throw new UsageError(`--structure : aucune structure « ${slug} ».`);
  return structure;
}

/** La clé de l'archive : la clé maîtresse de l'instance, ou une phrase de passe lue sur l'entrée standard. */
async function backupKey(options: Options, masterKey: () => Promise<Buffer>): Promise<BackupKey> {
  if (!options.phrase) return { kind: 'cle', key: await masterKey() };
  const passphrase = (await readStdin()).trim();
  if (passphrase.length < 12) throw new UsageError('La phrase de passe (entrée standard) doit compter au moins 12 caractères.');
  return { kind: 'phrase', passphrase };
}

async function readStdin() {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function help() {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'Usage : relais <commande> [options]   (relais <commande> --help pour le détail)',
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Base : embarquée dans DATA_DIR (défaut ./data), ou serveur PostgreSQL si DATABASE_URL est défini.',
  ].join('\n');
}

export async function run(
  argv: string[],
  out = (line: string) => console.log(line),
  openDatabase = () => openConfiguredDatabase(loadConfig()),
) {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(help());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    out(`Commande inconnue : ${name}\n\n${help()}`);
    return 1;
  }
  let options: Options;
  try {
    const parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: Boolean(command.positional),
    });
    options = parsed.values;
    if (command.positional && parsed.positionals[0]) options[command.positional] = parsed.positionals[0];
  } catch (error) {
    out(`${(error as Error).message}\n\nUsage : ${command.usage}`);
    return 1;
  }
  if (options.help) {
    out(`${command.summary}\n\nUsage : ${command.usage}`);
    return 0;
  }
  let database: Database | null = null;
  try {
    database = await openDatabase();
    await command.run(database, options, out);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) out(`${error.message}\n\nUsage : ${command.usage}`);
    else if (error instanceof CommandFailed) out(error.message);
    else if (error instanceof DatabaseOpenError || error instanceof DataDirRefusal || error instanceof MasterKeyMismatch)
      out(error.message);
    else throw error;
    return 1;
  } finally {
    await database?.close();
  }
}
