// Les mandats de la démonstration obéissent à la règle du formulaire : chaque démarche « faite à la place » d'une
// personne identifiée est couverte par un mandat signé avant elle, et inscrite au journal chaîné. Les mandats se
// suivent comme au guichet : signé au premier acte d'un domaine, renouvelé à l'acte qui suit son expiration.
// Quelques-uns révoqués, un encore à signer : les listes ont de quoi montrer.
import crypto from 'node:crypto';
import { and, asc, count, eq, isNotNull, notExists, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { mandateActs, mandateJournalHeads, mandates } from '../mandates/schema';
import { persons, solicitations } from '../reception/schema';
import { chainHash, GENESIS, type ActContent } from '../mandates/journal-chain';
import { coverage, expiryOf } from '../mandates/rules';
import { AREA_OF_THEME, CONSENT_ITEMS, type Area, type Duration } from '../mandates/vocabulary';
import type { Theme } from '../../vocabulary/coop';
import { localDay } from '../../platform/time';
import { fullName } from '../../platform/text';

const ONLINE_SERVICES: Record<string, string> = {
  caf: 'caf.fr',
  cpam: 'ameli.fr',
  france_travail: 'francetravail.fr',
  dgfip: 'impots.gouv.fr',
  ants: 'ants.gouv.fr',
  prefecture: 'administration-etrangers-en-france.interieur.gouv.fr',
  assurance_retraite: 'lassuranceretraite.fr',
  msa: 'msa.fr',
};

const DAY = 86_400_000;
const CHUNK = 1000;

type MandateRow = typeof mandates.$inferInsert & {
  id: string;
  areas: Area[];
  signedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastActAt: Date;
  /** Déjà en base (jours suivants) : ne s'insère pas une seconde fois. */
  existing?: boolean;
};

export async function mandatesSeeded(tx: Tx, structureId: string) {
  const [row] = await tx.select({ n: count() }).from(mandates).where(eq(mandates.structureId, structureId));
  return (row?.n ?? 0) > 0;
}

/**
 * Un mandat pour chaque démarche faite à la place d'une personne identifiée, et l'acte au journal. Relancé sur les
 * jours suivants (démonstration qui vit au jour le jour), il ne traite que les démarches sans acte, avec les
 * mandats déjà signés, et prolonge la chaîne.
 */
export async function writeDemoMandates(tx: Tx, structureId: string, today: Date) {
  const initial = !(await mandatesSeeded(tx, structureId));
  const done = await tx
    .select({
      id: solicitations.id,
      personId: solicitations.personId,
      at: solicitations.occurredAt,
      theme: solicitations.theme,
      organisations: solicitations.organisations,
      procedure: solicitations.procedure,
      durationMinutes: solicitations.durationMinutes,
      mediatorId: solicitations.mediatorId,
      firstName: persons.firstName,
      lastName: persons.lastName,
    })
    .from(solicitations)
    .innerJoin(persons, and(eq(persons.structureId, solicitations.structureId), eq(persons.id, solicitations.personId)))
    .where(
      and(
        eq(solicitations.structureId, structureId),
        eq(solicitations.mode, 'fait_a_la_place'),
        isNotNull(solicitations.personId),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(mandateActs)
            .where(and(eq(mandateActs.structureId, structureId), eq(mandateActs.solicitationId, solicitations.id))),
        ),
      ),
    )
    .orderBy(asc(solicitations.occurredAt));

  const byPerson = new Map<string, MandateRow[]>();
  if (!initial) {
    const signed = await tx
      .select()
      .from(mandates)
      .where(and(eq(mandates.structureId, structureId), isNotNull(mandates.signedAt)));
    for (const m of signed) {
      const held = byPerson.get(m.personId) ?? [];
      held.push({ ...m, areas: m.areas as Area[], signedAt: m.signedAt!, expiresAt: m.expiresAt!, lastActAt: m.signedAt!, existing: true });
      byPerson.set(m.personId, held);
    }
  }
  const rows: MandateRow[] = [];
  const acts: Array<Omit<ActContent, 'seq'>> = [];
  for (const s of done) {
    const area = AREA_OF_THEME[s.theme as Theme] ?? null;
    if (!area) continue; // l'histoire ne fait à la place que dans un domaine qu'un mandat peut couvrir
    const held = byPerson.get(s.personId!) ?? [];
    let mandate = held.find((m) => coverage(m, area, s.at) === 'couvert');
    if (!mandate) {
      mandate = newMandate(structureId, s, area, rows.length, held);
      held.push(mandate);
      byPerson.set(s.personId!, held);
      rows.push(mandate);
    }
    mandate.lastActAt = s.at;
    acts.push({
      mandateId: mandate.id,
      personId: s.personId!,
      solicitationId: s.id,
      area,
      procedure: s.procedure,
      onlineService: ONLINE_SERVICES[s.organisations[0]!] ?? 'service-public.fr',
      whatDone: s.procedure ? `${s.procedure} : faite en ligne, la personne présente` : 'Démarche faite en ligne, la personne présente',
      occurredAt: s.at,
      recordedAt: new Date(s.at.getTime() + (s.durationMinutes + 2) * 60_000),
      actorId: s.mediatorId,
    });
  }
  if (initial) revokeSome(rows, today);
  for (let i = 0; i < rows.length; i += CHUNK)
    await tx.insert(mandates).values(rows.slice(i, i + CHUNK).map(({ lastActAt: _lastActAt, existing: _existing, ...row }) => row));
  if (initial) await pendingSignature(tx, structureId, done.at(-1), today);
  await writeJournal(tx, structureId, acts);
}

/** Signé une vingtaine de minutes avant l'acte ; six mois le plus souvent, un an pour un sur quatre. */
function newMandate(
  structureId: string,
  s: { personId: string | null; at: Date; mediatorId: string; firstName: string; lastName: string | null },
  area: Area,
  index: number,
  held: MandateRow[],
): MandateRow {
  const duration: Duration = index % 4 === 3 ? 'un_an' : 'six_mois';
  const previous = held.findLast((m) => m.areas.includes(area));
  const areas: Area[] = previous ? previous.areas : index % 3 === 2 && area !== 'argent' ? [area, 'argent'] : [area];
  const signedAt = new Date(s.at.getTime() - 20 * 60_000);
  const onScreen = index % 2 === 0;
  return {
    id: crypto.randomUUID(),
    structureId,
    personId: s.personId!,
    mediatorId: s.mediatorId,
    areas,
    duration,
    consentItems: Object.keys(CONSENT_ITEMS),
    noProtectionMeasure: true,
    createdAt: new Date(signedAt.getTime() - 10 * 60_000),
    signatureMethod: onScreen ? 'ecran_nom' : 'papier',
    signedAt,
    signerName: onScreen ? fullName(s.firstName, s.lastName) : null,
    paperSignedOn: onScreen ? null : localDay(signedAt),
    expiresAt: expiryOf(signedAt, duration),
    revokedAt: null,
    renewalOf: previous?.id ?? null,
    lastActAt: s.at,
  };
}

/** Un mandat actif sur sept, sans acte depuis un mois, révoqué il y a trois jours à la demande de la personne. */
function revokeSome(rows: MandateRow[], today: Date) {
  const revokedAt = new Date(today.getTime() - 3 * DAY);
  rows
    .filter((m) => m.expiresAt > today && m.lastActAt.getTime() < today.getTime() - 30 * DAY)
    .forEach((m, i) => {
      if (i % 7 !== 6) return;
      m.revokedAt = revokedAt;
      m.revokedBy = m.mediatorId;
      m.revocationReason = 'À la demande de la personne, qui fait désormais ses démarches seule.';
    });
}

/** Un mandat établi hier, qui attend la signature de la personne (papier). */
async function pendingSignature(
  tx: Tx,
  structureId: string,
  last: { personId: string | null; mediatorId: string } | undefined,
  today: Date,
) {
  if (!last?.personId) return;
  await tx.insert(mandates).values({
    structureId,
    personId: last.personId,
    mediatorId: last.mediatorId,
    areas: ['papiers'],
    duration: 'un_mois',
    consentItems: Object.keys(CONSENT_ITEMS),
    noProtectionMeasure: true,
    createdAt: new Date(today.getTime() - DAY),
  });
}

/** Le journal chaîné, calculé d'un trait dans l'ordre du temps (comme `appendAct`, un acte après l'autre). */
async function writeJournal(tx: Tx, structureId: string, acts: Array<Omit<ActContent, 'seq'>>) {
  const [head] = await tx.select().from(mandateJournalHeads).where(eq(mandateJournalHeads.structureId, structureId)).for('update');
  let hash = head?.hash ?? GENESIS;
  const first = head?.seq ?? 0;
  const chained = acts.map((act, index) => {
    const content: ActContent = { ...act, seq: first + index + 1 };
    const prevHash = hash;
    hash = chainHash(prevHash, content);
    return { structureId, ...content, prevHash, hash };
  });
  for (let i = 0; i < chained.length; i += CHUNK) await tx.insert(mandateActs).values(chained.slice(i, i + CHUNK));
  await tx
    .insert(mandateJournalHeads)
    .values({ structureId, seq: first + chained.length, hash })
    .onConflictDoUpdate({ target: mandateJournalHeads.structureId, set: { seq: first + chained.length, hash } });
}
