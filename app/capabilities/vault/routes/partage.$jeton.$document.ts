// Un papier transmis à un organisme, en PDF marqué « Transmis par … le … pour … » : vu dans le navigateur ou
// téléchargé, et chaque fois noté pour la personne. Sans accès ouvert par le code, retour à la page du partage.
import { data, redirect } from 'react-router';
import type { Route } from './+types/partage.$jeton.$document';
import { allowPublic, servicesOf } from '../../../platform/authorize.server';
import { shareAccessCookie } from '../../../platform/cookies.server';
import { notFound, pdfResponse, requireIdParam } from '../../../platform/http.server';
import { shareIdOf } from '../rules';
import { TamperedFileError } from '../encryption.server';
import { openShareLink, sharedDocumentPdf } from '../shares.server';
import { DAMAGED_FILE_MESSAGE } from '../vault.server';

const NOT_SHARED = "Ce papier ne fait pas partie de ce partage, ou la personne l'a retiré.";

export async function loader(args: Route.LoaderArgs) {
  const scope = allowPublic(args);
  const token = args.params.jeton;
  const documentId = requireIdParam(args.params.document, NOT_SHARED);
  const cookie = await shareAccessCookie(servicesOf(args.context).config.secureCookies, shareIdOf(token)).parse(
    args.request.headers.get('Cookie'),
  );
  const access = await openShareLink(scope, token, typeof cookie === 'string' ? cookie : null);
  if (!access.ok || access.state !== 'ouvert') throw redirect(`/partage/${encodeURIComponent(token)}`);
  const view = new URL(args.request.url).searchParams.has('voir');
  const pdf = await sharedDocumentPdf(scope, access, documentId, view ? 'vu' : 'telecharge').catch((error: unknown) => {
    if (error instanceof TamperedFileError) throw data({ message: DAMAGED_FILE_MESSAGE }, { status: 409 });
    throw error;
  });
  if (!pdf) throw notFound(NOT_SHARED);
  return pdfResponse(pdf, 'papier-transmis.pdf', view);
}
