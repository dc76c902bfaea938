// « Mes données » : tout ce que Relais garde de la personne (à lire en PDF, à réutiliser en JSON), ses demandes de
// correction ou d'effacement (la structure répond dans le mois), et qui a lu son dossier. Sous le rôle
// relais_resident : seules ses lignes (drizzle/0040, 0044). Les notes privées des agents n'en font pas partie.
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { sqlRows } from '../../db/database.server';
import { diagnoses, planSteps } from '../diagnosis/schema';
import { places } from '../directory/schema';
import { statusOf } from '../mandates/rules';
import { mandateActs, mandates } from '../mandates/schema';
import { persons, solicitations } from '../reception/schema';
import { vaultDocuments, vaultShareEvents, vaultShares } from '../vault/schema';
import { referrals } from '../referrals/schema';
import { appointmentMotifs, appointments, motifOfAppointment } from '../appointments/schema';
import { myRegistrations } from '../workshops/my-workshops.server';
import { checkRequest, requestDueAt, type RequestProblem } from './rules';
import { residentRequests, residentSpaces, selfAssessments } from './schema';
import type { Answers } from '../diagnosis/grid';
import type { ResidentScope } from './resident-pages.server';

/** Qui a lu le dossier de la personne : la date, le rôle et la structure ; le nom de l'agent si la structure le montre. */
export async function readsOfMyFile({ tx }: ResidentScope, limit = 100) {
  const rows = await sqlRows<{
    occurred_at: Date | string;
    action: string;
    role: string | null;
    structure_name: string;
    reader_name: string | null;
  }>(tx, sql`select occurred_at, action, role, structure_name, reader_name from relais_reads_of_my_file(${limit})`);
  return rows.map((row) => ({
    at: new Date(row.occurred_at),
    action: row.action,
    role: row.role,
    structure: row.structure_name,
    // Seulement si la structure a choisi de montrer le nom des agents (administration de la structure).
    ...(row.reader_name ? { name: row.reader_name } : {}),
  }));
}

/** Les demandes de la personne, les plus récentes d'abord. */
export function requestsOf({ tx, resident }: ResidentScope) {
  return tx
    .select({
      id: residentRequests.id,
      kind: residentRequests.kind,
      message: residentRequests.message,
      createdAt: residentRequests.createdAt,
      dueAt: residentRequests.dueAt,
      answeredAt: residentRequests.answeredAt,
      answer: residentRequests.answer,
    })
    .from(residentRequests)
    .where(and(eq(residentRequests.structureId, resident.structureId), eq(residentRequests.personId, resident.personId)))
    .orderBy(desc(residentRequests.createdAt))
    .limit(50);
}

export type RequestResult = { ok: true } | { ok: false; problem: RequestProblem | 'mandat_actif' | 'deja_demande' };

/**
 * La personne demande une correction ou l'effacement. Un effacement attend la fin de ses mandats actifs (la structure
 * agit encore en son nom) ; une demande du même type encore sans réponse suffit (pas de doublon).
 */
export async function askForRequest(scope: ResidentScope, kind: string, message: string): Promise<RequestResult> {
  const checked = checkRequest(kind, message);
  if (!checked.ok) return checked;
  const { tx, resident, now } = scope;
  if (checked.kind === 'effacement') {
    const own = await tx
      .select()
      .from(mandates)
      .where(and(eq(mandates.structureId, resident.structureId), eq(mandates.personId, resident.personId)));
    if (own.some((mandate) => statusOf(mandate, now) === 'actif')) return { ok: false, problem: 'mandat_actif' };
  }
  const pending = await tx
    .select({ id: residentRequests.id })
    .from(residentRequests)
    .where(
      and(
        eq(residentRequests.structureId, resident.structureId),
        eq(residentRequests.personId, resident.personId),
        eq(residentRequests.kind, checked.kind),
        isNull(residentRequests.answeredAt),
      ),
    );
  if (pending.length > 0) return { ok: false, problem: 'deja_demande' };
  await tx.insert(residentRequests).values({
    structureId: resident.structureId,
    personId: resident.personId,
    kind: checked.kind,
    message: checked.message,
    dueAt: requestDueAt(now),
    createdAt: now,
  });
  return { ok: true };
}

/** Tout ce que Relais garde de la personne, section par section, avec des noms de champs en français. */
export async function residentDataExport(scope: ResidentScope) {
  const { tx, resident, now } = scope;
  const mine = <T extends { structureId: unknown; personId: unknown }>(table: T) =>
    and(eq(table.structureId as never, resident.structureId), eq(table.personId as never, resident.personId));
  const [person] = await tx
    .select()
    .from(persons)
    .where(and(eq(persons.structureId, resident.structureId), eq(persons.id, resident.personId)));
  const visits = await tx.select().from(solicitations).where(mine(solicitations)).orderBy(asc(solicitations.occurredAt));
  const sent = await tx
    .select({ referral: referrals, place: places.name })
    .from(referrals)
    .innerJoin(places, and(eq(places.structureId, referrals.structureId), eq(places.id, referrals.placeId)))
    .where(mine(referrals))
    .orderBy(asc(referrals.createdAt));
  const ownMandates = await tx.select().from(mandates).where(mine(mandates)).orderBy(asc(mandates.createdAt));
  const acts = await tx.select().from(mandateActs).where(mine(mandateActs)).orderBy(asc(mandateActs.seq));
  const grids = await tx.select().from(diagnoses).where(mine(diagnoses)).orderBy(asc(diagnoses.createdAt));
  const steps = await tx.select().from(planSteps).where(mine(planSteps)).orderBy(asc(planSteps.createdAt));
  const points = await tx.select().from(selfAssessments).where(mine(selfAssessments)).orderBy(asc(selfAssessments.createdAt));
  const spaces = await tx.select().from(residentSpaces).where(mine(residentSpaces));
  // Le coffre-fort : ce qui est rangé et à qui c'est transmis ; jamais le contenu des papiers (à voir dans « Mes papiers »).
  const papers = await tx.select().from(vaultDocuments).where(mine(vaultDocuments)).orderBy(asc(vaultDocuments.createdAt));
  const shares = await tx.select().from(vaultShares).where(mine(vaultShares)).orderBy(asc(vaultShares.createdAt));
  const openings = await tx.select().from(vaultShareEvents).where(mine(vaultShareEvents)).orderBy(asc(vaultShareEvents.occurredAt));
  const booked = await tx
    .select({ appointment: appointments, motif: appointmentMotifs.name, place: places.name })
    .from(appointments)
    .innerJoin(appointmentMotifs, motifOfAppointment)
    .innerJoin(places, and(eq(places.structureId, appointments.structureId), eq(places.id, appointments.siteId)))
    .where(mine(appointments))
    .orderBy(asc(appointments.startsAt));
  const workshopsOfMine = await myRegistrations({ tx, structureId: resident.structureId, personId: resident.personId, now });
  return {
    exporte_le: now.toISOString(),
    personne: person && {
      prenom: person.firstName,
      nom: person.lastName,
      annee_de_naissance: person.birthYear,
      telephone: person.phone,
      email: person.email,
      code_postal: person.postalCode,
      commune: person.communeName,
      langues: person.languages,
      contact_prefere: person.preferredContact,
      a_une_adresse_email: person.hasEmail,
      comptes_en_ligne: person.accounts,
      accord_donne_le: person.consentAt?.toISOString() ?? null,
      cree_le: person.createdAt.toISOString(),
    },
    espace_personnel: spaces.map((space) => ({ accord_le: space.consentAt.toISOString(), connexion: space.signInChannel })),
    sollicitations: visits.map((visit) => ({
      le: visit.occurredAt.toISOString(),
      canal: visit.channel,
      organismes: visit.organisations,
      demarche: visit.procedure,
      mode: visit.mode,
      resultat: visit.outcome,
      duree_minutes: visit.durationMinutes,
    })),
    orientations: sent.map(({ referral, place }) => ({
      le: referral.createdAt.toISOString(),
      lieu: place,
      motif: referral.reason,
      a_apporter: referral.toBring,
      rendez_vous: referral.appointmentAt?.toISOString() ?? null,
      etat: referral.status,
      partage_accepte: referral.consentShare,
    })),
    mandats: ownMandates.map((mandate) => ({
      numero: mandate.id.slice(0, 8),
      domaines: mandate.areas,
      duree: mandate.duration,
      signe_le: mandate.signedAt?.toISOString() ?? null,
      fin: mandate.expiresAt?.toISOString() ?? null,
      arrete_le: mandate.revokedAt?.toISOString() ?? null,
      etat: statusOf(mandate, now),
    })),
    actes_faits_en_mon_nom: acts.map((act) => ({
      le: act.occurredAt.toISOString(),
      mandat: act.mandateId.slice(0, 8),
      domaine: act.area,
      service_en_ligne: act.onlineService,
      ce_qui_a_ete_fait: act.whatDone,
    })),
    diagnostics: grids.map((grid) => ({
      le: grid.createdAt.toISOString(),
      niveau: grid.level,
      autonomie: grid.autonomy,
      note_sur_100: grid.overallScore,
      freins: grid.freins,
      commentaire: grid.comment,
    })),
    points_faits_seul: points.map((point) => {
      const answers = point.answers as Answers;
      return {
        le: point.createdAt.toISOString(),
        langue: point.language,
        note_sur_100: point.overallScore,
        vu_par_le_mediateur_le: point.reviewedAt?.toISOString() ?? null,
        reponses: {
          appareils: answers.equipment,
          connexion: answers.connection,
          messagerie: answers.email,
          comptes: answers.accounts,
          gestes: answers.skills,
          lecture: answers.reading,
          ecriture: answers.writing,
          francais: answers.french,
          peur_du_numerique: answers.apprehension,
        },
      };
    }),
    papiers: papers.map((paper) => ({
      type: paper.kind,
      delivre_le: paper.issuedOn,
      fin: paper.expiresOn,
      range_le: paper.createdAt.toISOString(),
      detruit_le: paper.removedAt?.toISOString() ?? null,
    })),
    envois_de_papiers: shares.map((share) => ({
      pour: share.recipientName,
      adresse: share.recipientEmail,
      le: share.createdAt.toISOString(),
      jusqu_au: share.expiresAt.toISOString(),
      arrete_le: share.revokedAt?.toISOString() ?? null,
      papiers: share.documentIds.map((id) => papers.find((paper) => paper.id === id)?.kind ?? 'papier détruit'),
      ouvertures: openings
        .filter((opening) => opening.shareId === share.id)
        .map((opening) => ({ le: opening.occurredAt.toISOString(), geste: opening.action })),
    })),
    rendez_vous: booked.map(({ appointment, motif, place }) => ({
      le: appointment.startsAt.toISOString(),
      motif,
      lieu: place,
      etat: appointment.status,
      pris_le: appointment.createdAt.toISOString(),
      pris_par: appointment.bookedVia,
    })),
    ateliers: [...workshopsOfMine].reverse().map((registration) => ({
      le: registration.startsAt.toISOString(),
      atelier: registration.title,
      lieu: registration.placeName,
      etat: registration.cancelledAt ? 'seance_annulee' : registration.status,
    })),
    parcours: steps.map((step) => ({ etape: step.label, type: step.kind, pour_le: step.dueOn, etat: step.status })),
    demandes: (await requestsOf(scope)).map((request) => ({
      type: request.kind,
      message: request.message,
      le: request.createdAt.toISOString(),
      reponse_avant_le: request.dueAt.toISOString(),
      repondue_le: request.answeredAt?.toISOString() ?? null,
      reponse: request.answer,
    })),
    lectures_du_dossier: (await readsOfMyFile(scope, 500)).map((read) => ({
      le: read.at.toISOString(),
      role: read.role,
      ...(read.name ? { agent: read.name } : {}),
      structure: read.structure,
      action: read.action,
    })),
  };
}

export type DataExport = Awaited<ReturnType<typeof residentDataExport>>;
