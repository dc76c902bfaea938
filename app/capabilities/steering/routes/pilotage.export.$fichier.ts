import { data } from 'react-router';
import type { Route } from './+types/pilotage.export.$fichier';
import { COOP_COLUMNS, coopCollectiveRow, coopRow } from '../coop';
import { BOM, csvLine } from '../csv';
import { DETAIL_COLUMNS, detailCells } from '../detail';
import { readDashboard } from '../dashboard.server';
import { exportRows, recordExport, structurePlace, textStream } from '../exports.server';
import { labelsFor } from '../labels';
import { steeringRequest } from '../request.server';
import { filtersTable, indicatorCsvRows, indicatorTables } from '../tables';
import { coopWorkbookStream, workbookStream } from '../workbook.server';
import { collectiveRows } from '../workshop-exports.server';

const FILES = {
  'sollicitations.csv': 'text/csv; charset=utf-8',
  'coop.csv': 'text/csv; charset=utf-8',
  'coop.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'indicateurs.csv': 'text/csv; charset=utf-8',
  'pilotage.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
type File = keyof typeof FILES;

export async function loader(args: Route.LoaderArgs) {
  const request = await steeringRequest(args);
  const file = args.params.fichier as File;
  if (!(file in FILES)) throw data({ message: "Cet export n'existe pas." }, { status: 404 });
  const { ctx, filters, organisations } = request;
  const labels = labelsFor(organisations);
  await recordExport(ctx, file, filters);
  const name = `relais-${file.replace(/\.(csv|xlsx)$/, '')}-${filters.du}-${filters.au}.${file.split('.').at(-1)}`;
  const headers = { 'content-type': FILES[file], 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' };

  const tables = async () => {
    const names = new Map(request.members.map((m) => [m.userId, m.displayName]));
    return indicatorTables(await readDashboard(ctx, filters), filters, labels, names);
  };
  // Les indicateurs sont lus dans la transaction de la requête ; les lignes, par lots, chacun dans sa transaction
  // courte, pendant l'envoi (décision 012).
  if (file === 'pilotage.xlsx') {
    const scope = filtersTable(filters, labels, {
      mediators: new Map(request.members.map((m) => [m.userId, m.displayName])),
      sites: new Map(request.sites.map((s) => [s.id, s.name])),
    });
    return new Response(workbookStream(ctx.services, ctx.actor, { filters, table: scope }, await tables(), labels), { headers });
  }
  const coop = file.startsWith('coop.');
  const home = coop ? await structurePlace(ctx.tx, ctx.actor.structureId) : null;
  if (file === 'coop.xlsx') return new Response(coopWorkbookStream(ctx.services, ctx.actor, filters, home!), { headers });
  const indicators = file === 'indicateurs.csv' ? indicatorCsvRows(await tables()) : null;
  async function* lines() {
    yield BOM;
    if (indicators) {
      for (const row of indicators) yield csvLine(row);
      return;
    }
    yield csvLine(coop ? [...COOP_COLUMNS] : DETAIL_COLUMNS);
    for await (const batch of exportRows(ctx.services, ctx.actor, filters))
      yield batch.map((row) => csvLine(home ? coopRow(row, home) : detailCells(row, labels))).join('');
    // Les ateliers : une activité collective par séance tenue, après les activités individuelles.
    if (home) yield (await collectiveRows(ctx.services, ctx.actor, filters)).map((row) => csvLine(coopCollectiveRow(row))).join('');
  }
  return new Response(textStream(lines()), { headers });
}
