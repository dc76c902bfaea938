// Les espaces personnels de la démonstration (C10) : quelques personnes qui ont déjà une histoire (un mandat signé, un
// portable sur la fiche) ont accepté un espace, ouvert par un médiateur de la structure ; l'une se connecte par SMS,
// l'autre avec la carte imprimée.
import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.server';
import { operatorTransaction } from '../../db/transaction.server';
import { structures } from '../../platform/schema';
import { mandates } from '../mandates/schema';
import crypto from 'node:crypto';
import { randomToken, sha256Hex } from '../../platform/crypto.server';
import { cardRow, cardUrl } from '../portal/cards.server';
import {
  residentCards,
  residentCodes,
  residentIdentities,
  residentRequests,
  residentSessions,
  residentSpaces,
  selfAssessments,
} from '../portal/schema';
import { SELF_SKILLS } from '../portal/self-assessment';
import { diagnoses } from '../diagnosis/schema';
import type { Answers } from '../diagnosis/grid';
import { resultOf } from '../diagnosis/rules';
import { CODE_MINUTES, isMobilePhone, normalizeContact, requestDueAt, RESIDENT_SESSION_HOURS, type SignInChannel } from '../portal/rules';
import { portalDigest } from '../portal/sign-in.server';
import { claimedIdentity } from '../portal/franceconnect.server';
import { persons } from '../reception/schema';

const CHANNELS: SignInChannel[] = ['sms', 'carte'];

export async function spacesSeeded(tx: Tx, structureId: string) {
  const [row] = await tx.select({ n: count() }).from(residentSpaces).where(eq(residentSpaces.structureId, structureId));
  return (row?.n ?? 0) > 0;
}

export async function writeDemoSpaces(tx: Tx, structureId: string, mediatorId: string, today: Date) {
  const candidates = await tx
    .select({ id: persons.id, phone: persons.phone, createdAt: persons.createdAt })
    .from(persons)
    .where(
      and(
        eq(persons.structureId, structureId),
        isNull(persons.anonymisedAt),
        sql`${persons.phone} is not null`,
        sql`exists (select 1 from ${mandates} m where m.structure_id = ${persons.structureId} and m.person_id = ${persons.id} and m.signed_at is not null)`,
      ),
    )
    // D'abord qui a aussi une orientation et un diagnostic : leur espace montre chaque page du portail.
    .orderBy(
      desc(sql`exists (select 1 from referrals r where r.structure_id = ${persons.structureId} and r.person_id = ${persons.id})`),
      desc(sql`exists (select 1 from diagnoses d where d.structure_id = ${persons.structureId} and d.person_id = ${persons.id})`),
      asc(persons.createdAt),
      asc(persons.id),
    )
    .limit(50);
  const chosen = candidates.filter((p) => isMobilePhone(p.phone)).slice(0, CHANNELS.length);
  if (chosen.length === 0) return 0;
  await tx.insert(residentSpaces).values(
    chosen.map((person, n) => ({
      structureId,
      personId: person.id,
      signInChannel: CHANNELS[n]!,
      consentAt: new Date(today.getTime() - (n + 1) * 7 * 86_400_000),
      openedBy: mediatorId,
    })),
  );
  return chosen.length;
}

/**
 * La personne qui se connecte par SMS l'a déjà fait il y a 2 jours : le code qu'elle a reçu (déjà servi) et la session
 * qu'il a ouverte, finie depuis. Ce passé s'efface au ménage suivant, comme dans la vie.
 */
export async function writeDemoSignIns(tx: Tx, structureId: string, today: Date, rootKey: Buffer) {
  const [space] = await tx
    .select({ id: residentSpaces.id, personId: residentSpaces.personId, phone: persons.phone })
    .from(residentSpaces)
    .innerJoin(persons, and(eq(persons.structureId, residentSpaces.structureId), eq(persons.id, residentSpaces.personId)))
    .where(and(eq(residentSpaces.structureId, structureId), eq(residentSpaces.signInChannel, 'sms'), isNull(residentSpaces.closedAt)))
    .limit(1);
  const contact = space && normalizeContact(space.phone ?? '');
  if (!space || !contact) return;
  const sentAt = new Date(today.getTime() - 2 * 86_400_000);
  const usedAt = new Date(sentAt.getTime() + 60_000);
  await tx.insert(residentCodes).values({
    structureId,
    spaceId: space.id,
    personId: space.personId,
    contactHash: portalDigest(rootKey, 'contact', contact.value),
    codeHash: portalDigest(rootKey, 'code', `${space.id}:${randomToken(8)}`),
    expiresAt: new Date(sentAt.getTime() + CODE_MINUTES * 60_000),
    usedAt,
    createdAt: sentAt,
  });
  await tx.insert(residentSessions).values({
    structureId,
    tokenHash: sha256Hex(randomToken()),
    spaceId: space.id,
    personId: space.personId,
    sharedComputer: false,
    lastSeenAt: new Date(usedAt.getTime() + 6 * 60_000),
    expiresAt: new Date(usedAt.getTime() + RESIDENT_SESSION_HOURS * 3600_000),
    createdAt: usedAt,
  });
}

/**
 * La carte de démonstration de la personne qui se connecte par carte. Son identifiant et son code secret se déduisent
 * de la clé racine : le serveur peut les afficher à chaque démarrage (demoPortalAccess) sans les garder en clair.
 */
export function demoCardSecret(rootKey: Buffer, spaceId: string) {
  const digest = crypto.createHmac('sha256', rootKey).update(`relais-demo-carte:${spaceId}`).digest();
  return { token: digest.subarray(0, 16).toString('base64url'), pin: String(digest.readUInt32BE(16) % 1_000_000).padStart(6, '0') };
}

export async function writeDemoCard(tx: Tx, structureId: string, rootKey: Buffer) {
  const [space] = await tx
    .select()
    .from(residentSpaces)
    .where(and(eq(residentSpaces.structureId, structureId), eq(residentSpaces.signInChannel, 'carte'), isNull(residentSpaces.closedAt)))
    .limit(1);
  if (!space) return;
  await tx
    .insert(residentCards)
    .values(
      cardRow(
        rootKey,
        { structureId, spaceId: space.id, personId: space.personId, issuedBy: space.openedBy },
        demoCardSecret(rootKey, space.id),
        space.consentAt,
      ),
    );
}

/** Ce que la console de démonstration affiche pour essayer le portail : le portable de l'espace par SMS, la carte. */
export async function demoPortalAccess(tx: Tx, structureId: string, rootKey: Buffer, publicUrl: string) {
  const spaces = await tx
    .select({ id: residentSpaces.id, channel: residentSpaces.signInChannel, phone: persons.phone })
    .from(residentSpaces)
    .innerJoin(persons, and(eq(persons.structureId, residentSpaces.structureId), eq(persons.id, residentSpaces.personId)))
    .where(and(eq(residentSpaces.structureId, structureId), isNull(residentSpaces.closedAt)));
  const sms = spaces.find((space) => space.channel === 'sms');
  const card = spaces.find((space) => space.channel === 'carte');
  const secret = card && demoCardSecret(rootKey, card.id);
  return {
    smsPhone: sms?.phone ?? null,
    card: secret ? { url: cardUrl(publicUrl, secret.token), pin: secret.pin } : null,
  };
}

/** Les lignes de la console de démonstration pour le portail d'Alpha (rien si la démonstration n'a pas d'espace). */
export async function demoPortalLines(database: Database, rootKey: Buffer, config: { publicUrl: string; dataDir: string }) {
  const access = await operatorTransaction(database, async (tx) => {
    const [alpha] = await tx.select({ id: structures.id }).from(structures).where(eq(structures.slug, 'alpha'));
    return alpha ? demoPortalAccess(tx, alpha.id, rootKey, config.publicUrl) : null;
  });
  const lines: string[] = [];
  if (access?.smsPhone)
    lines.push(`Portail : ${config.publicUrl}/mon-espace avec le ${access.smsPhone} ; le code arrive dans ${config.dataDir}/outbox.`);
  if (access?.card) lines.push(`Portail par la carte : ${access.card.url} , code secret ${access.card.pin}.`);
  return lines;
}

/**
 * Les demandes « Mes données » de la démonstration : la personne de l'espace par SMS a demandé une correction, à
 * laquelle le médiateur a répondu ; celle de la carte attend encore la réponse à la sienne (dans le délai).
 */
export async function writeDemoRequests(tx: Tx, structureId: string, mediatorId: string, today: Date) {
  const spaces = await tx
    .select({ personId: residentSpaces.personId, channel: residentSpaces.signInChannel })
    .from(residentSpaces)
    .where(and(eq(residentSpaces.structureId, structureId), isNull(residentSpaces.closedAt)));
  const daysAgo = (days: number) => new Date(today.getTime() - days * 86_400_000);
  for (const space of spaces) {
    const answered = space.channel === 'sms';
    const askedAt = daysAgo(answered ? 20 : 6);
    await tx.insert(residentRequests).values({
      structureId,
      personId: space.personId,
      kind: 'correction',
      message: answered ? 'Mon numéro de téléphone a changé.' : 'Mon adresse a changé : 12 rue des Lilas.',
      dueAt: requestDueAt(askedAt),
      createdAt: askedAt,
      ...(answered
        ? { answeredAt: daysAgo(18), answeredBy: mediatorId, answer: 'C’est corrigé sur votre fiche. Merci de nous l’avoir dit.' }
        : {}),
    });
  }
}

/** Ce que répond une personne qui découvre le numérique, quand elle n'a pas encore de diagnostic. */
const FIRST_SELF_ASSESSMENT: Answers = {
  equipment: ['smartphone'],
  connection: ['donnees_mobiles'],
  email: 'avec_aide',
  accounts: {
    franceconnect: 'aucun',
    ameli: 'avec_aide',
    caf: 'avec_aide',
    impots: 'aucun',
    france_travail: 'non_concerne',
    ants: 'aucun',
  },
  skills: {
    appareil: 'seul',
    saisie: 'avec_aide',
    navigation: 'avec_aide',
    formulaire: 'pas_encore',
    mots_de_passe: 'pas_encore',
    documents: 'pas_encore',
    pdf: 'pas_encore',
    arnaques: 'avec_aide',
    visio: 'seul',
    application: 'avec_aide',
  },
  reading: 'facile',
  writing: 'difficile',
  french: 'oui',
  otherLanguage: null,
  apprehension: 'un_peu',
  institutionCauses: [],
};

/**
 * La personne de la carte a fait le point seule il y a 3 jours, depuis son espace : ses réponses reprennent celles de
 * son dernier diagnostic (ou celles d'une débutante), avec deux gestes appris depuis. Le médiateur ne l'a pas encore vu.
 */
export async function writeDemoSelfAssessment(tx: Tx, structureId: string, today: Date) {
  const [space] = await tx
    .select({ personId: residentSpaces.personId })
    .from(residentSpaces)
    .where(and(eq(residentSpaces.structureId, structureId), eq(residentSpaces.signInChannel, 'carte'), isNull(residentSpaces.closedAt)))
    .limit(1);
  if (!space) return;
  const [last] = await tx
    .select({ answers: diagnoses.answers })
    .from(diagnoses)
    .where(and(eq(diagnoses.structureId, structureId), eq(diagnoses.personId, space.personId)))
    .orderBy(desc(diagnoses.createdAt))
    .limit(1);
  const previous = (last?.answers as Answers | undefined) ?? FIRST_SELF_ASSESSMENT;
  const learnt = SELF_SKILLS.filter((skill) => previous.skills[skill] !== 'seul').slice(0, 2);
  const answers: Answers = {
    ...previous,
    skills: { ...previous.skills, ...Object.fromEntries(learnt.map((skill) => [skill, 'seul'])) },
    otherLanguage: null,
    institutionCauses: [],
  };
  await tx.insert(selfAssessments).values({
    structureId,
    personId: space.personId,
    answers,
    overallScore: resultOf(answers).overall,
    language: 'fr',
    createdAt: new Date(today.getTime() - 3 * 86_400_000),
  });
}

/**
 * FranceConnect dans la démonstration : la personne de l'espace par SMS s'y est déjà connectée (identité confirmée par
 * le médiateur) ; celle de la carte vient d'essayer, son identité attend la confirmation. Les identifiants FranceConnect
 * sont fictifs ; seule leur empreinte est gardée, comme pour un vrai.
 */
export async function writeDemoIdentities(tx: Tx, structureId: string, mediatorId: string, today: Date, rootKey: Buffer) {
  const spaces = await tx
    .select({
      id: residentSpaces.id,
      personId: residentSpaces.personId,
      channel: residentSpaces.signInChannel,
      firstName: persons.firstName,
      lastName: persons.lastName,
      birthYear: persons.birthYear,
    })
    .from(residentSpaces)
    .innerJoin(persons, and(eq(persons.structureId, residentSpaces.structureId), eq(persons.id, residentSpaces.personId)))
    .where(and(eq(residentSpaces.structureId, structureId), isNull(residentSpaces.closedAt)));
  for (const space of spaces) {
    const confirmed = space.channel === 'sms';
    await tx.insert(residentIdentities).values({
      structureId,
      spaceId: space.id,
      personId: space.personId,
      provider: 'franceconnect',
      subjectHash: portalDigest(rootKey, 'franceconnect', `demo-${space.id}`),
      createdAt: new Date(today.getTime() - (confirmed ? 10 : 1) * 86_400_000),
      ...(confirmed
        ? { confirmedAt: new Date(today.getTime() - 10 * 86_400_000), confirmedBy: mediatorId, claimed: null }
        : {
            claimed: claimedIdentity({
              givenName: space.firstName,
              familyName: space.lastName ?? '',
              birthdate: `${space.birthYear ?? 1970}-01-01`,
            }),
          }),
    });
  }
}
