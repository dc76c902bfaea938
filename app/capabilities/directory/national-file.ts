// Les fichiers du format national : CSV (virgule, valeurs multiples séparées par |, UTF-8) ou JSON (tableau
// d'objets). Lecture avec csv-parse, écriture avec csv-stringify ; chaque refus dit quoi corriger, en français.
// Fonctions pures, testées dans national-file.test.ts.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { neutralizeFormula } from '../../platform/csv';
import { MAX_IMPORT_BYTES, MAX_IMPORT_PLACES, tooLargeMessage } from './import-limits';
import { NATIONAL_COLUMNS, REQUIRED_COLUMNS, type NationalColumn } from './national-format';
import type { SchemaLieuMediationNumerique } from '@gouvfr-anct/lieux-de-mediation-numerique';

export type NationalFormat = 'csv' | 'json';

export interface FileRow {
  /** Ligne du fichier CSV (l'en-tête est la ligne 1), ou rang du lieu dans le tableau JSON. */
  line: number;
  record: Record<string, unknown>;
  /** Erreur de forme de la ligne elle-même (nombre de colonnes, élément qui n'est pas un objet). */
  problem?: string;
}

export type FileReading = { ok: true; format: NationalFormat; rows: FileRow[]; ignoredColumns: string[] } | { ok: false; error: string };

export function readNationalFile(name: string, bytes: Uint8Array): FileReading {
  if (bytes.byteLength === 0) return { ok: false, error: 'Le fichier est vide.' };
  if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, error: tooLargeMessage(bytes.byteLength) };
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return { ok: false, error: "Le fichier n'est pas encodé en UTF-8 : enregistrez-le au format « CSV UTF-8 » puis recommencez." };
  }
  if (content.trim() === '') return { ok: false, error: 'Le fichier est vide.' };
  const json = /\.json$/i.test(name) || /^\s*[[{]/.test(content);
  const reading = json ? readJson(content) : readCsv(content);
  if (reading.ok && reading.rows.length === 0)
    return { ok: false, error: "Le fichier ne contient aucun lieu (seulement la ligne d'en-tête)." };
  if (reading.ok && reading.rows.length > MAX_IMPORT_PLACES)
    return {
      ok: false,
      error: `Le fichier compte ${reading.rows.length.toLocaleString('fr-FR')} lieux : la limite est de ${MAX_IMPORT_PLACES.toLocaleString('fr-FR')} par import. Découpez-le.`,
    };
  return reading;
}

function checkColumns(columns: string[]): { missing: string[]; ignored: string[] } {
  const known = new Set<string>(NATIONAL_COLUMNS);
  return {
    missing: REQUIRED_COLUMNS.filter((c) => !columns.includes(c)),
    ignored: columns.filter((c) => c !== '' && !known.has(c)),
  };
}

const missingColumnsMessage = (missing: string[]) =>
  `Colonne${missing.length > 1 ? 's' : ''} obligatoire${missing.length > 1 ? 's' : ''} absente${missing.length > 1 ? 's' : ''} : ${missing.join(', ')}. La première ligne doit nommer les colonnes du schéma national (id, pivot, nom, adresse, commune, code_postal, services, date_maj…).`;

function readCsv(content: string): FileReading {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(content, {
      delimiter: ',',
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      trim: false,
    }) as unknown as typeof records;
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    const reason = /quote/i.test(message) ? 'un guillemet ouvert n’est pas refermé' : 'la ligne ne se lit pas comme du CSV';
    return { ok: false, error: `Le fichier CSV est mal formé${lines ? ` vers la ligne ${lines}` : ''} : ${reason}. Rien n'a été importé.` };
  }
  const [header, ...body] = records;
  const columns = header!.record.map((c) => c.trim());
  if (columns.length === 1) {
    const separator = columns[0]!.includes(';') ? 'des points-virgules' : columns[0]!.includes('\t') ? 'des tabulations' : null;
    if (separator)
      return {
        ok: false,
        error: `Les colonnes sont séparées par ${separator} : le format national les sépare par des virgules (et sépare les valeurs multiples par |). Rien n'a été importé.`,
      };
  }
  const { missing, ignored } = checkColumns(columns);
  if (missing.length) return { ok: false, error: missingColumnsMessage(missing) };
  const rows = body.map(({ record, info }) => {
    const row: FileRow = { line: info.lines, record: Object.fromEntries(columns.map((column, i) => [column, record[i]])) };
    if (record.length !== columns.length)
      row.problem = `La ligne compte ${record.length} valeur${record.length > 1 ? 's' : ''} pour ${columns.length} colonnes.`;
    return row;
  });
  return { ok: true, format: 'csv', rows, ignoredColumns: ignored };
}

function readJson(content: string): FileReading {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    return { ok: false, error: `Le fichier JSON est mal formé (${(error as Error).message}). Rien n'a été importé.` };
  }
  if (!Array.isArray(value)) return { ok: false, error: 'Le fichier JSON doit contenir un tableau de lieux ([ {…}, {…} ]).' };
  const columns = [...new Set(value.flatMap((item) => (item && typeof item === 'object' ? Object.keys(item) : [])))];
  const ignored = checkColumns(columns).ignored;
  const rows = value.map((item, index): FileRow => {
    const line = index + 1;
    if (!item || typeof item !== 'object' || Array.isArray(item))
      return { line, record: {}, problem: "Cet élément n'est pas un lieu (objet JSON attendu)." };
    return { line, record: item as Record<string, unknown> };
  });
  return { ok: true, format: 'json', rows, ignoredColumns: ignored };
}

/**
 * CSV du format national : en-tête des colonnes du schéma, virgule, guillemets au besoin, fin de ligne CRLF. Une
 * cellule qu'un tableur lirait comme une formule est neutralisée (un numéro de téléphone reste tel quel).
 */
export function writeNationalCsv(records: SchemaLieuMediationNumerique[]) {
  const cell = (record: SchemaLieuMediationNumerique, column: NationalColumn) => {
    const value = record[column];
    return value === undefined || value === null ? '' : neutralizeFormula(String(value), false);
  };
  return stringify(
    records.map((record) => NATIONAL_COLUMNS.map((column) => cell(record, column))),
    { header: true, columns: [...NATIONAL_COLUMNS], record_delimiter: 'windows' },
  );
}

export function writeNationalJson(records: SchemaLieuMediationNumerique[]) {
  return `${JSON.stringify(records, null, 2)}\n`;
}
