// La personne voit un de ses papiers, déchiffré, dans le navigateur (ses propres ouvertures ne sont pas tracées).
import { data } from 'react-router';
import type { Route } from './+types/mon-espace.papiers.$id.fichier';
import { requireResident } from '../../../platform/authorize.server';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { readResidentSession } from '../../portal/sessions.server';
import { DOCUMENT_NOT_FOUND } from '../errors';
import { TamperedFileError } from '../encryption.server';
import { openMyPaper } from '../my-papers.server';
import { readWhole } from '../vault.server';

const DAMAGED_PAPER = 'Ce papier est abîmé. Nous ne pouvons pas l’ouvrir. Demandez de l’aide à votre médiateur.';

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  const opened = await openMyPaper(scope, requireIdParam(args.params.id, DOCUMENT_NOT_FOUND));
  if (!opened) throw notFound(DOCUMENT_NOT_FOUND);
  const whole = await readWhole(opened).catch((error: unknown) => {
    if (error instanceof TamperedFileError) throw data({ message: DAMAGED_PAPER }, { status: 409 });
    throw error;
  });
  return new Response(new Uint8Array(whole.bytes), {
    headers: {
      'Content-Type': opened.contentType,
      'Content-Length': String(whole.bytes.length),
      'Content-Disposition': 'inline',
      'Cache-Control': 'private, no-store',
    },
  });
}
