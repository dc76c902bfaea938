// Les papiers qui expirent (issue 21) : un rappel à la personne avant la fin (titre de séjour : 3 mois puis 1 mois ;
// pièce d'identité, attestations : 1 mois), par SMS ou e-mail via l'outbox, avec quoi faire et où se faire aider ; et
// pour les médiateurs, la liste « papiers qui expirent » de la structure (lecture tracée).
import { and, asc, eq, gte, isNull, lte } from 'drizzle-orm';
import { transaction } from '../../db/transaction.server';
import type { Tx } from '../../db/database.server';
import { recordAudit } from '../../platform/audit.server';
import { enqueueMessage } from '../../platform/jobs/outbox.server';
import type { JobDefinition } from '../../platform/jobs/jobs.server';
import type { RequestContext } from '../../platform/request.server';
import { outbox, structures } from '../../platform/schema';
import type { Services } from '../../platform/services.server';
import { fullName } from '../../platform/text';
import { addDays, dateFormat, localDay } from '../../platform/time';
import { places } from '../directory/schema';
import { persons } from '../reception/schema';
import { reminderDue } from './rules';
import { vaultDocuments } from './schema';
import { DOCUMENT_KINDS, type DocumentKind } from './vocabulary';

const day = dateFormat({ dateStyle: 'long' });
/** Le plus long délai de rappel (titre de séjour), un peu plus : les mois n'ont pas tous 30 jours. */
const LOOKAHEAD_DAYS = 93;

function expiringRows(tx: Tx, structureId: string, from: string, to: string) {
  return tx
    .select({
      id: vaultDocuments.id,
      kind: vaultDocuments.kind,
      expiresOn: vaultDocuments.expiresOn,
      personId: persons.id,
      firstName: persons.firstName,
      lastName: persons.lastName,
      phone: persons.phone,
      email: persons.email,
      preferredContact: persons.preferredContact,
    })
    .from(vaultDocuments)
    .innerJoin(persons, and(eq(persons.structureId, vaultDocuments.structureId), eq(persons.id, vaultDocuments.personId)))
    .where(
      and(
        eq(vaultDocuments.structureId, structureId),
        isNull(vaultDocuments.removedAt),
        isNull(persons.anonymisedAt),
        gte(vaultDocuments.expiresOn, from),
        lte(vaultDocuments.expiresOn, to),
      ),
    )
    .orderBy(asc(vaultDocuments.expiresOn), asc(vaultDocuments.kind));
}

/** Le texte d'un rappel : court (un SMS), le papier, sa date de fin, quoi faire, qui aide. */
export function reminderText(input: { structureName: string; kind: DocumentKind; expiresOn: string; help: string | null }) {
  const kind = DOCUMENT_KINDS[input.kind];
  return [
    `${input.structureName} : votre papier « ${kind.label} » finit le ${day.format(new Date(`${input.expiresOn}T12:00:00`))}.`,
    kind.renew ?? 'Pensez à le refaire.',
    input.help ? `Nous pouvons vous aider : ${input.help}.` : 'Nous pouvons vous aider : venez nous voir.',
  ].join(' ');
}

/** Envoie les rappels dus aujourd'hui (chacun une seule fois) ; rend le nombre de rappels mis en file. */
export async function sendExpiryReminders(services: Services, structureId: string) {
  return transaction(services.database, { structureId }, async (tx) => {
    const today = localDay(services.now());
    const rows = await expiringRows(tx, structureId, addDays(today, 1), addDays(today, LOOKAHEAD_DAYS));
    if (rows.length === 0) return 0;
    const [structure] = await tx.select({ name: structures.name }).from(structures).where(eq(structures.id, structureId));
    const [site] = await tx
      .select({ name: places.name, phone: places.phone })
      .from(places)
      .where(and(eq(places.structureId, structureId), eq(places.receptionSite, true)))
      .orderBy(places.name)
      .limit(1);
    const help = site ? [site.name, site.phone].filter(Boolean).join(', ') : null;
    let queued = 0;
    for (const row of rows) {
      const kind = row.kind as DocumentKind;
      const months = reminderDue(DOCUMENT_KINDS[kind]?.remindMonthsBefore ?? [], row.expiresOn, today);
      const byEmail = row.preferredContact === 'email' && row.email;
      const recipient = byEmail ? row.email : (row.phone ?? row.email);
      if (!months || !recipient) continue;
      const body = reminderText({ structureName: structure?.name ?? 'Relais', kind, expiresOn: row.expiresOn!, help });
      const sent = await enqueueMessage(
        tx,
        structureId,
        {
          channel: recipient.includes('@') ? 'email' : 'sms',
          recipient,
          subject: recipient.includes('@') ? `Votre papier « ${DOCUMENT_KINDS[kind].label} » va bientôt finir` : null,
          body,
          purpose: 'coffre.echeance',
          subjectId: row.personId,
          dedupeKey: `coffre.echeance:${row.id}:${months}`,
        },
        services.now(),
      );
      if (sent) queued++;
    }
    return queued;
  });
}

export const vaultExpiryJob: JobDefinition = {
  kind: 'coffre.echeances',
  label: 'Coffre-fort : rappels des papiers qui expirent',
  periodMs: 86_400_000,
  run: async (services, structureId) => {
    const count = await sendExpiryReminders(services, structureId);
    return `${count} rappel${count > 1 ? 's' : ''} envoyé${count > 1 ? 's' : ''}`;
  },
};

/** « Papiers qui expirent » : ceux de la structure qui finissent dans les 3 mois, ou ont fini depuis moins d'un mois. */
export async function expiringDocuments({ tx, actor, now }: RequestContext) {
  const today = localDay(now);
  const rows = await expiringRows(tx, actor.structureId, addDays(today, -31), addDays(today, LOOKAHEAD_DAYS));
  // Les rappels déjà mis en file (la clé de dédoublonnage nomme le papier).
  const queued = await tx
    .select({ key: outbox.dedupeKey })
    .from(outbox)
    .where(and(eq(outbox.structureId, actor.structureId), eq(outbox.purpose, 'coffre.echeance')));
  const reminded = new Set(queued.map((row) => row.key?.split(':')[1]));
  await recordAudit(tx, actor, 'coffre.echeances_consultees', undefined, { papiers: rows.length });
  return rows.map((row) => ({
    id: row.id,
    personId: row.personId,
    person: fullName(row.firstName, row.lastName),
    kind: row.kind as DocumentKind,
    expiresOn: row.expiresOn!,
    expired: row.expiresOn! < today,
    reminded: reminded.has(row.id),
    reachable: Boolean(row.phone ?? row.email),
  }));
}
