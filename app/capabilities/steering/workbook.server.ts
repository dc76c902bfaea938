// Le classeur XLSX du pilotage (exceljs, écrit au fil de l'eau) : une feuille par indicateur, puis le détail
// anonyme des sollicitations, lot par lot.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Actor } from '../../platform/policies';
import type { Services } from '../../platform/services.server';
import type { SteeringFilters } from './filters';
import { exportRows } from './exports.server';
import { DETAIL_COLUMNS, detailCells, type Labels } from './detail';
import type { Indicators } from './indicators.server';

export function workbookStream(
  services: Services,
  actor: Actor,
  filters: SteeringFilters,
  indicators: Indicators,
  labels: Labels,
): ReadableStream<Uint8Array> {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const sheet = (name: string, headers: string[], rows: Array<Array<string | number>>) => {
    const worksheet = workbook.addWorksheet(name);
    worksheet.columns = headers.map((header) => ({ header, width: Math.max(14, header.length + 2) }));
    worksheet.getRow(1).font = { bold: true };
    for (const row of rows) worksheet.addRow(row).commit();
    worksheet.commit();
  };
  const write = async () => {
    sheet('Période', ['Du', 'Au', 'Sollicitations', "Minutes d'accompagnement"], [[filters.du, filters.au, indicators.total.count, indicators.total.minutes]]);
    sheet('Par année', ['Année', 'Sollicitations'], indicators.byYear.map((r) => [r.year, r.count]));
    sheet('Modes par année', ['Année', "Mode d'aide", 'Sollicitations'], indicators.byYearMode.map((r) => [r.year, labels.mode(r.mode), r.count]));
    sheet('Par mois', ['Mois', 'Sollicitations'], indicators.byMonth.map((r) => [r.month, r.count]));
    sheet('Organismes', ['Organisme', 'Sollicitations'], indicators.byOrganisation.map((r) => [labels.organisation(r.key), r.count]));
    sheet('Thématiques', ['Thématique', 'Sollicitations'], indicators.byTheme.map((r) => [labels.theme(r.key), r.count]));
    sheet('Niveaux', ['Niveau de besoin', 'Sollicitations'], indicators.byLevel.map((r) => [labels.level(r.key), r.count]));
    sheet('Résultats', ['Résultat', 'Sollicitations'], indicators.byOutcome.map((r) => [labels.outcome(r.key), r.count]));
    sheet('Causes de blocage', ['Cause', 'Sollicitations'], indicators.byCause.map((r) => [labels.cause(r.key), r.count]));
    const detail = workbook.addWorksheet('Détail anonyme');
    detail.columns = DETAIL_COLUMNS.map((header) => ({ header, width: 18 }));
    detail.getRow(1).font = { bold: true };
    for await (const batch of exportRows(services, actor, filters)) for (const row of batch) detail.addRow(detailCells(row, labels)).commit();
    detail.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => stream.destroy(error as Error));
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}
