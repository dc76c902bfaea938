// La personne voit un de ses papiers, déchiffré, dans le navigateur (ses propres ouvertures ne sont pas tracées).
import { Readable } from 'node:stream';
import type { Route } from './+types/mon-espace.papiers.$id.fichier';
import { requireResident } from '../../../platform/authorize.server';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { readResidentSession } from '../../portal/sessions.server';
import { DOCUMENT_NOT_FOUND } from '../errors';
import { openMyPaper } from '../my-papers.server';

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  const opened = await openMyPaper(scope, requireIdParam(args.params.id, DOCUMENT_NOT_FOUND));
  if (!opened) throw notFound(DOCUMENT_NOT_FOUND);
  return new Response(Readable.toWeb(opened.body) as ReadableStream, {
    headers: {
      'Content-Type': opened.contentType,
      'Content-Length': String(opened.sizeBytes),
      'Content-Disposition': 'inline',
      'Cache-Control': 'private, no-store',
    },
  });
}
