// Les messages sortants (e-mail, SMS). Le cas d'usage qui décide d'un message l'écrit dans l'outbox, dans sa propre
// transaction : il part si et seulement si la décision est enregistrée. Le worker l'envoie ensuite, le reprend en
// cas d'échec, et le responsable voit ce qui est parti. Un même dedupe_key n'est jamais écrit deux fois.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { outbox } from '../schema';
import { transaction } from '../../db/transaction.server';
import type { Services } from '../services.server';
import { claimDue, markDone, markFailed, releaseClaimed, retryFailed } from './queue.server';
import type { Channel } from './rules';
import type { MailAttachment } from '../mail.server';

export interface OutgoingMessage {
  channel: Channel;
  recipient: string;
  subject?: string | null;
  body: string;
  purpose: string;
  subjectId?: string | null;
  dedupeKey: string;
  attachment?: MailAttachment | null;
}

/** Écrit le message à envoyer ; `false` s'il l'était déjà (même clé) : rien n'est envoyé deux fois. */
export async function enqueueMessage(tx: Tx, structureId: string, message: OutgoingMessage, now: Date) {
  const rows = await tx
    .insert(outbox)
    .values({ structureId, ...message, subject: message.subject ?? null, subjectId: message.subjectId ?? null, runAt: now, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: outbox.id });
  return rows.length > 0;
}

interface ClaimedMessage {
  id: string;
  channel: Channel;
  recipient: string;
  subject: string | null;
  body: string;
  attachment: MailAttachment | null;
  attempts: number;
}

/**
 * Envoie les messages dus de la structure ; chacun dans sa transaction, pour qu'un échec n'arrête pas les autres.
 * Quand `signal` est levé (arrêt du processus), le message en cours part et les suivants sont rendus.
 */
export async function deliverDueMessages(services: Services, structureId: string, limit = 20, signal?: AbortSignal) {
  const settings = { structureId };
  const claimed = await transaction(services.database, settings, (tx) =>
    claimDue<ClaimedMessage>(tx, 'outbox', structureId, services.now(), limit),
  );
  let sent = 0;
  for (const [index, message] of claimed.entries()) {
    if (signal?.aborted) {
      const rest = claimed.slice(index).map((m) => m.id);
      await transaction(services.database, settings, (tx) => releaseClaimed(tx, 'outbox', structureId, rest));
      break;
    }
    try {
      if (message.channel === 'email')
        await services.mail({
          to: message.recipient,
          subject: message.subject ?? 'Relais',
          text: message.body,
          ...(message.attachment ? { attachments: [message.attachment] } : {}),
        });
      else await services.sms({ to: message.recipient, text: message.body });
      await transaction(services.database, settings, (tx) => markDone(tx, 'outbox', structureId, message.id, services.now()));
      sent++;
    } catch (error) {
      await transaction(services.database, settings, (tx) =>
        markFailed(tx, 'outbox', structureId, message.id, message.attempts, services.now(), error),
      );
    }
  }
  return { claimed: claimed.length, sent };
}

/** Les derniers messages de la structure, pour le responsable ; le texte n'est pas relu ici. */
export async function listMessages(tx: Tx, structureId: string, limit = 100) {
  return tx
    .select({
      id: outbox.id,
      channel: outbox.channel,
      recipient: outbox.recipient,
      subject: outbox.subject,
      purpose: outbox.purpose,
      subjectId: outbox.subjectId,
      status: outbox.status,
      attempts: outbox.attempts,
      runAt: outbox.runAt,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .where(eq(outbox.structureId, structureId))
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}

/** Les messages liés à un objet (une orientation), pour l'afficher sur sa page. */
export async function messagesAbout(tx: Tx, structureId: string, subjectId: string) {
  return tx
    .select({
      id: outbox.id,
      channel: outbox.channel,
      recipient: outbox.recipient,
      purpose: outbox.purpose,
      status: outbox.status,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      lastError: outbox.lastError,
    })
    .from(outbox)
    .where(and(eq(outbox.structureId, structureId), eq(outbox.subjectId, subjectId)))
    .orderBy(outbox.createdAt);
}

export const retryMessage = (tx: Tx, structureId: string, id: string, now: Date) => retryFailed(tx, 'outbox', structureId, id, now);

/** Efface les messages envoyés ou abandonnés depuis plus de `days` jours (ils portent des données personnelles). */
export async function purgeMessages(tx: Tx, structureId: string, now: Date, days = 30) {
  const before = new Date(now.getTime() - days * 86_400_000);
  const rows = await tx
    .delete(outbox)
    .where(
      and(
        eq(outbox.structureId, structureId),
        sql`${outbox.status} in ('envoye', 'echec')`,
        sql`coalesce(${outbox.sentAt}, ${outbox.runAt}) < ${before}`,
      ),
    )
    .returning({ id: outbox.id });
  return rows.length;
}
