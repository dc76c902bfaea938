// L'attestation de participation aux ateliers (issue 23) : pour la personne qui la demande (France Travail, par
// exemple), en grands caractères et en mots simples. Chaque séance où sa présence est notée, avec sa date, son titre,
// sa durée et son lieu ; la structure qui l'atteste, et la date.
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { createPdf, pdfBuffer, pdfText, PDF_FONTS } from '../../platform/pdf.server';
import { structures } from '../../platform/schema';
import { dateFormat } from '../../platform/time';
import { places } from '../directory/schema';
import { persons } from '../reception/schema';
import { placeOfSession, sessionOfRegistration, workshopOfSession, workshopRegistrations, workshops, workshopSessions } from './schema';

const day = dateFormat({ dateStyle: 'full' });

/** La personne, sa structure et les séances où elle est venue (lu sous le rôle de qui la demande : agent ou elle-même). */
export async function attendanceOf(tx: Tx, structureId: string, personId: string) {
  const [person] = await tx
    .select({ firstName: persons.firstName, lastName: persons.lastName, structureName: structures.name, city: structures.city })
    .from(persons)
    .innerJoin(structures, eq(structures.id, persons.structureId))
    .where(and(eq(persons.structureId, structureId), eq(persons.id, personId)));
  if (!person) return null;
  const sessions = await tx
    .select({
      title: workshops.title,
      startsAt: workshopSessions.startsAt,
      endsAt: workshopSessions.endsAt,
      placeName: places.name,
    })
    .from(workshopRegistrations)
    .innerJoin(workshopSessions, sessionOfRegistration)
    .innerJoin(workshops, workshopOfSession)
    .innerJoin(places, placeOfSession)
    .where(
      and(
        eq(workshopRegistrations.structureId, structureId),
        eq(workshopRegistrations.personId, personId),
        eq(workshopRegistrations.status, 'present'),
      ),
    )
    .orderBy(asc(workshopSessions.startsAt));
  return { person, sessions };
}

const duration = (minutes: number) => {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} minutes`;
  return `${hours} heure${hours > 1 ? 's' : ''}${rest ? ` ${rest}` : ''}`;
};

export type Attendance = NonNullable<Awaited<ReturnType<typeof attendanceOf>>>;

export async function attendanceCertificatePdf({ person, sessions }: Attendance, now: Date) {
  const name = [person.firstName, person.lastName].filter(Boolean).join(' ');
  const doc = createPdf({ title: `Attestation de participation — ${name}`, author: person.structureName });
  const width = doc.page.width - 2 * 56;
  const line = (text: string) => doc.text(pdfText(text), { width, lineGap: 4 });
  doc.font(PDF_FONTS.bold).fontSize(26).text(pdfText('Attestation de participation'), { width });
  doc.moveDown(0.8).font(PDF_FONTS.regular).fontSize(15);
  line(`${person.structureName} atteste que ${name} est venu(e) à ces ateliers :`);
  doc.moveDown(0.4);
  for (const s of sessions) {
    const minutes = Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000);
    doc.font(PDF_FONTS.bold);
    line(`« ${s.title} »`);
    doc.font(PDF_FONTS.regular);
    line(`Le ${day.format(s.startsAt)}, pendant ${duration(minutes)}, à ${s.placeName}.`);
    doc.moveDown(0.3);
  }
  const total = sessions.reduce((n, s) => n + Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000), 0);
  doc.moveDown(0.4);
  line(`En tout : ${sessions.length} séance${sessions.length > 1 ? 's' : ''}, ${duration(total)}.`);
  doc.moveDown(1);
  line(`Fait${person.city ? ` à ${person.city}` : ''} le ${day.format(now)}.`);
  line(`Pour ${person.structureName}, signature :`);
  return pdfBuffer(doc);
}
