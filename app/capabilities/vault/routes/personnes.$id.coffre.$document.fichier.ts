// Côté agent : le fichier déchiffré d'un papier, rendu à enregistrer (il ne reste pas affiché sur le poste), une fois
// le motif donné (noté au journal avec l'ouverture, montré à la personne) — sans motif si la personne a montré ce papier
// à l'agent (partage en cours). Un motif refusé revient à la page du papier.
import { redirect } from 'react-router';
import type { Route } from './+types/personnes.$id.coffre.$document.fichier';
import { requireAgent } from '../../../platform/authorize.server';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { PERSON_NOT_FOUND } from '../../reception/errors';
import { DOCUMENT_NOT_FOUND } from '../errors';
import { openingReasonSchema } from '../rules';
import { TamperedFileError } from '../encryption.server';
import { openDocumentForAgent, readWhole } from '../vault.server';
import { openSharedDocumentForAgent } from '../agent-shares.server';

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

export async function loader(args: Route.LoaderArgs) {
  await requireAgent(args, 'coffre.gerer');
  const personId = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  throw redirect(`/personnes/${personId}/coffre/${requireIdParam(args.params.document, DOCUMENT_NOT_FOUND)}`);
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'coffre.gerer');
  const personId = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const documentId = requireIdParam(args.params.document, DOCUMENT_NOT_FOUND);
  const form = await args.request.formData().catch(() => null);
  const shared = await openSharedDocumentForAgent(ctx, personId, documentId);
  const reason = shared ? null : openingReasonSchema.safeParse({ motif: form?.get('motif') ?? undefined });
  if (reason && !reason.success) throw redirect(`/personnes/${personId}/coffre/${documentId}?erreur=motif`);
  const opened = shared ?? (reason?.data ? await openDocumentForAgent(ctx, personId, documentId, reason.data.motif) : null);
  if (!opened) throw notFound(DOCUMENT_NOT_FOUND);
  const whole = await readWhole(opened).catch((error: unknown) => {
    if (error instanceof TamperedFileError) throw redirect(`/personnes/${personId}/coffre/${documentId}?erreur=abime`);
    throw error;
  });
  // Le nom donné, avec l'extension du contenu réel (une photo HEIC est devenue un JPEG).
  const extension = EXTENSIONS[opened.contentType] ?? 'bin';
  const name = `${opened.fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '')}.${extension}`;
  return new Response(new Uint8Array(whole.bytes), {
    headers: {
      'Content-Type': opened.contentType,
      'Content-Length': String(whole.bytes.length),
      'Content-Disposition': `attachment; filename="papier.${extension}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    },
  });
}
