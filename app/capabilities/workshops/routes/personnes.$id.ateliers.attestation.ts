// L'attestation de participation d'une personne (PDF), imprimée par le médiateur à sa demande.
import type { Route } from './+types/personnes.$id.ateliers.attestation';
import { requireAgent } from '../../../platform/authorize.server';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { pdfResponse } from '../../../platform/pdf.server';
import { PERSON_NOT_FOUND } from '../../reception/errors';
import { attendanceCertificatePdf, attendanceOf } from '../attestation-pdf.server';

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'ateliers.inscrire');
  const attendance = await attendanceOf(ctx.tx, ctx.actor.structureId, requireIdParam(args.params.id, PERSON_NOT_FOUND));
  if (!attendance) throw notFound(PERSON_NOT_FOUND);
  if (attendance.sessions.length === 0) throw notFound('Cette personne n’est encore venue à aucun atelier.');
  return pdfResponse(await attendanceCertificatePdf(attendance, ctx.now), 'attestation-ateliers.pdf');
}
