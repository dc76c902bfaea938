// Mon attestation de participation (PDF) : les ateliers où je suis venu, depuis « Mes ateliers ».
import type { Route } from './+types/mon-espace.ateliers.attestation';
import { requireResident } from '../../../platform/authorize.server';
import { notFound } from '../../../platform/http.server';
import { pdfResponse } from '../../../platform/pdf.server';
import { readResidentSession } from '../../portal/sessions.server';
import { attendanceCertificatePdf, attendanceOf } from '../attestation-pdf.server';

export async function loader(args: Route.LoaderArgs) {
  const { tx, resident, now } = await requireResident(args, readResidentSession);
  const attendance = await attendanceOf(tx, resident.structureId, resident.personId);
  if (!attendance || attendance.sessions.length === 0) throw notFound('Vous n’êtes encore venu à aucun atelier.');
  return pdfResponse(await attendanceCertificatePdf(attendance, now), 'attestation-ateliers.pdf');
}
