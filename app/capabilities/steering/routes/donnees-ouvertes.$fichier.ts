import { data } from 'react-router';
import type { Route } from './+types/donnees-ouvertes.$fichier';
import { BOM, csvLine } from '../csv';
import { OPEN_DATA_COLUMNS, openDataLine, protectCells } from '../open-data';
import { openDataCells, publishedStructure } from '../open-data.server';
import { allowPublic } from '../../../platform/authorize.server';

/** Le fichier public de données ouvertes d'une structure qui l'a publié ; 404 sinon, sans dire pourquoi. */
export async function loader(args: Route.LoaderArgs) {
  const scope = allowPublic(args);
  const slug = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.csv$/.exec(args.params.fichier)?.[1];
  const structure = slug ? await publishedStructure(scope, slug) : null;
  if (!structure) throw data({ message: "Aucune donnée ouverte n'est publiée à cette adresse." }, { status: 404 });
  const cells = await openDataCells(scope, structure.id);
  const body =
    BOM +
    csvLine([...OPEN_DATA_COLUMNS]) +
    protectCells(cells)
      .map((cell) => csvLine(openDataLine(cell)))
      .join('');
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `inline; filename="donnees-ouvertes-${slug}.csv"`,
      'cache-control': 'public, max-age=3600',
    },
  });
}
