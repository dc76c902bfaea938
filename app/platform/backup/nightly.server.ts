// La sauvegarde de la nuit, faite par le worker (serveur ou `relais worker`) sans arrêter Relais : une archive par
// jour après 2 h (heure de la structure), chiffrée par la clé maîtresse, écrite dans BACKUP_DIR (ou
// DATA_DIR/sauvegardes) ; les 7 dernières sont gardées, plus une par semaine sur 4 semaines. Chaque essai est noté
// (backup_runs) : la page d'administration montre la dernière, et alerte si aucune n'a réussi depuis 48 h.
import fs from 'node:fs';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { transaction } from '../../db/transaction.server';
import { codeOf } from '../log';
import { backupRuns } from '../schema';
import type { Services } from '../services.server';
import { localDay, timeZone } from '../time';
import { sealArchive } from './archive.server';
import { dumpInstance } from './backup.server';

/** L'heure (locale) à partir de laquelle la sauvegarde du jour est faite : la nuit, quand personne ne saisit. */
export const BACKUP_HOUR = 2;
const NAME = /^relais-(\d{4}-\d{2}-\d{2})\.relais$/;

const localHour = (date: Date) => Number(date.toLocaleString('en-GB', { timeZone: timeZone(), hour: '2-digit', hour12: false })) % 24;

/** Fait la sauvegarde du jour si elle manque (et qu'aucun essai n'a échoué dans l'heure) ; rend 0 (aucun message). */
export async function nightlyBackup(services: Services): Promise<number> {
  const now = services.now();
  // BACKUP_KEEP_DAILY=0 et BACKUP_KEEP_WEEKLY=0 : l'exploitant sauvegarde autrement (pg_dump d'un serveur…).
  if (services.config.backupKeep.daily === 0 && services.config.backupKeep.weekly === 0) return 0;
  if (localHour(now) < BACKUP_HOUR) return 0;
  const dir = services.config.backupDir;
  const file = path.join(dir, `relais-${localDay(now)}.relais`);
  if (fs.existsSync(file)) return 0;
  const [last] = await transaction(services.database, {}, (tx) =>
    tx.select().from(backupRuns).orderBy(desc(backupRuns.startedAt)).limit(1),
  );
  if (last && last.status === 'echec' && now.getTime() - last.startedAt.getTime() < 3600_000) return 0;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const content = await dumpInstance(services.database, services.files, now);
    const archive = sealArchive(content, { kind: 'cle', key: services.masterKey });
    // Écrite à côté puis renommée : une archive à moitié écrite ne porte jamais le nom d'une sauvegarde.
    fs.writeFileSync(`${file}.partiel`, archive, { mode: 0o600 });
    fs.renameSync(`${file}.partiel`, file);
    await record(services, { startedAt: now, file: path.basename(file), sizeBytes: archive.length, status: 'reussie', error: null });
    pruneBackups(dir, services.config.backupKeep);
  } catch (error) {
    removeQuietly(`${file}.partiel`);
    await record(services, { startedAt: now, file: path.basename(file), sizeBytes: null, status: 'echec', error: codeOf(error) });
  }
  return 0;
}

function removeQuietly(file: string) {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Le dossier lui-même est inutilisable : il n'y a rien à retirer.
  }
}

async function record(services: Services, run: Omit<typeof backupRuns.$inferInsert, 'finishedAt'>) {
  await transaction(services.database, {}, (tx) => tx.insert(backupRuns).values({ ...run, finishedAt: services.now() }));
}

/** Garde les `daily` plus récentes, et la plus récente de chacune des `weekly` semaines précédentes ; efface le reste. */
export function pruneBackups(dir: string, keep: { daily: number; weekly: number }) {
  const days = fs
    .readdirSync(dir)
    .map((name) => NAME.exec(name)?.[1])
    .filter((day): day is string => Boolean(day))
    .sort()
    .reverse();
  const kept = new Set(days.slice(0, keep.daily));
  const weeks = new Set<string>();
  for (const day of days.slice(keep.daily)) {
    const week = isoWeek(day);
    if (weeks.size < keep.weekly && !weeks.has(week)) {
      weeks.add(week);
      kept.add(day);
    }
  }
  for (const day of days) if (!kept.has(day)) fs.rmSync(path.join(dir, `relais-${day}.relais`), { force: true });
  return [...kept].sort();
}

/** La semaine ISO d'un jour (celle de son jeudi). */
function isoWeek(day: string) {
  const thursday = new Date(`${day}T00:00:00Z`);
  thursday.setUTCDate(thursday.getUTCDate() - ((thursday.getUTCDay() + 6) % 7) + 3);
  const year = thursday.getUTCFullYear();
  return `${year}-${1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 604_800_000)}`;
}

/** Ce que la page d'administration montre : la dernière sauvegarde, la dernière réussie, et l'alerte des 48 h. */
export async function backupStatus(tx: Tx, now: Date) {
  const [last] = await tx.select().from(backupRuns).orderBy(desc(backupRuns.startedAt)).limit(1);
  const [lastSuccess] = await tx
    .select()
    .from(backupRuns)
    .where(eq(backupRuns.status, 'reussie'))
    .orderBy(desc(backupRuns.startedAt))
    .limit(1);
  return {
    last: last ?? null,
    lastSuccess: lastSuccess ?? null,
    stale: !lastSuccess || now.getTime() - lastSuccess.startedAt.getTime() > 48 * 3600_000,
  };
}
