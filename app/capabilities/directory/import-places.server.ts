// Import et export de l'annuaire au format national. L'import vérifie chaque ligne avec la bibliothèque
// officielle, puis range toutes les lignes valides dans une seule transaction (un lieu déjà connu par son
// identifiant est mis à jour) ; une ligne en erreur n'écrit rien, et son rapport dit la ligne et la colonne.
import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { places } from './schema';
import { recordAudit } from '../../platform/audit.server';
import { communeInDepartmentOf, communesFor } from '../reception/communes.server';
import { readNationalFile, writeNationalCsv, writeNationalJson, type NationalFormat } from './national-file';
import { COLUMN_LABELS, readNationalRecord, toNationalRecord, type FieldIssue, type NationalPlace } from './national-format';
import { nationalPlaceOf, placeValues } from './places.server';

export interface LineIssue {
  line: number;
  name: string | null;
  column: string | null;
  label: string | null;
  message: string;
}

export type ImportReport =
  | { ok: false; error: string }
  | {
      ok: true;
      format: NationalFormat;
      total: number;
      created: number;
      updated: number;
      rejected: number;
      errors: LineIssue[];
      warnings: LineIssue[];
      ignoredColumns: string[];
    };

/** L'import se fait dans la transaction de la requête, ou dans celle de la CLI (sans agent). */
interface ImportContext {
  tx: Tx;
  actor: { structureId: string; userId: string | null };
}

const issue = (line: number, name: string | null, field: FieldIssue | { field: null; message: string }): LineIssue => ({
  line,
  name,
  column: field.field,
  label: field.field ? COLUMN_LABELS[field.field] : null,
  message: field.message,
});

const BATCH = 500;

export async function importPlaces(ctx: ImportContext, file: { name: string; bytes: Uint8Array }): Promise<ImportReport> {
  const reading = readNationalFile(file.name, file.bytes);
  if (!reading.ok) return reading;
  const errors: LineIssue[] = [];
  const warnings: LineIssue[] = [];
  const valid: NationalPlace[] = [];
  const seen = new Map<string, number>();
  let rejected = 0;
  for (const row of reading.rows) {
    const name = typeof row.record.nom === 'string' && row.record.nom.trim() ? row.record.nom.trim() : null;
    if (row.problem) {
      errors.push(issue(row.line, name, { field: null, message: row.problem }));
      rejected++;
      continue;
    }
    const result = readNationalRecord(row.record, { communesFor, communeInDepartmentOf });
    if (!result.ok) {
      errors.push(...result.errors.map((e) => issue(row.line, name, e)));
      rejected++;
      continue;
    }
    const first = seen.get(result.place.nationalId);
    if (first !== undefined) {
      errors.push(
        issue(row.line, name, {
          field: 'id',
          message: `L'identifiant « ${result.place.nationalId} » est déjà celui du lieu de la ligne ${first} du fichier.`,
        }),
      );
      rejected++;
      continue;
    }
    seen.set(result.place.nationalId, row.line);
    warnings.push(...result.warnings.map((w) => issue(row.line, name, w)));
    valid.push(result.place);
  }
  const { created, updated } = valid.length ? await upsert(ctx, valid, file.name) : { created: 0, updated: 0 };
  return {
    ok: true,
    format: reading.format,
    total: reading.rows.length,
    created,
    updated,
    rejected,
    errors,
    warnings,
    ignoredColumns: reading.ignoredColumns,
  };
}

/**
 * Colonnes du format national recopiées d'un import sur un lieu connu ; ce que Relais ajoute (organismes, thématiques,
 * partenaire, lieu d'accueil, retrait) reste.
 */
function nationalUpdateSet() {
  const keep = new Set(['structureId', 'id', 'organisations', 'themes', 'partnerStructureId', 'receptionSite', 'active', 'createdAt']);
  const set: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(places)))
    if (!keep.has(key)) set[key] = key === 'updatedAt' ? sql`now()` : sql.raw(`excluded.${column.name}`);
  return set;
}

async function upsert({ tx, actor }: ImportContext, valid: NationalPlace[], fileName: string) {
  let created = 0;
  for (let start = 0; start < valid.length; start += BATCH) {
    const rows = valid.slice(start, start + BATCH).map((place) => ({ ...placeValues(actor.structureId, place), updatedBy: actor.userId }));
    const written = await tx
      .insert(places)
      .values(rows)
      .onConflictDoUpdate({ target: [places.structureId, places.nationalId], set: nationalUpdateSet() })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    created += written.filter((w) => w.inserted).length;
  }
  const updated = valid.length - created;
  await recordAudit(
    tx,
    actor,
    'lieux.importes',
    { type: 'annuaire', id: actor.structureId },
    { fichier: fileName.slice(0, 200), crees: created, mis_a_jour: updated },
  );
  return { created, updated };
}

/** L'annuaire de la structure au format national, lieux retirés exclus, dans l'ordre des noms. */
export async function exportPlaces({ tx, actor }: ImportContext, format: NationalFormat) {
  const rows = await tx
    .select()
    .from(places)
    .where(and(eq(places.structureId, actor.structureId), eq(places.active, true)))
    .orderBy(asc(places.name), asc(places.nationalId));
  const records = rows.map((row) => toNationalRecord(nationalPlaceOf(row)));
  return format === 'csv' ? writeNationalCsv(records) : writeNationalJson(records);
}
