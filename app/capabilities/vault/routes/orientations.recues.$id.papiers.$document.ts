// Un papier que la personne a joint à une orientation reçue, en PDF marqué « Transmis par … le … pour … » : vu dans
// le navigateur ou téléchargé, chaque fois noté pour la personne (vault_share_events) et au journal du partenaire.
import { data } from 'react-router';
import type { Route } from './+types/orientations.recues.$id.papiers.$document';
import { requireAgent } from '../../../platform/authorize.server';
import { notFound, pdfResponse, requireIdParam } from '../../../platform/http.server';
import { TamperedFileError } from '../encryption.server';
import { openPaperSharedWithUs } from '../partner-shares.server';
import { DAMAGED_FILE_MESSAGE } from '../vault.server';

const NOT_SHARED = "Ce papier n'est pas joint à cette orientation, ou la personne a arrêté le partage.";

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'orientations.recevoir');
  const referralId = requireIdParam(args.params.id, NOT_SHARED);
  const documentId = requireIdParam(args.params.document, NOT_SHARED);
  const view = new URL(args.request.url).searchParams.has('voir');
  const pdf = await openPaperSharedWithUs(ctx, referralId, documentId, view ? 'vu' : 'telecharge').catch((error: unknown) => {
    if (error instanceof TamperedFileError) throw data({ message: DAMAGED_FILE_MESSAGE }, { status: 409 });
    throw error;
  });
  if (!pdf) throw notFound(NOT_SHARED);
  return pdfResponse(pdf, 'papier-joint.pdf', view);
}
