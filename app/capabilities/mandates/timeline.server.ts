// Ce que les mandats apportent à l'historique d'une personne : chaque mandat établi, signé, révoqué, et chaque acte
// fait à sa place (journal chaîné).
import type { TimelineSource } from '../../platform/timeline';
import { actsOfPerson } from './journal.server';
import { mandatesOfPerson } from './mandates.server';

export type MandateEvent =
  | {
      kind: 'mandat';
      at: Date;
      id: string;
      mandateId: string;
      step: 'etabli' | 'etabli_signe' | 'signe' | 'revoque';
      areas: string[];
      reason: string | null;
    }
  | {
      kind: 'acte';
      at: Date;
      id: string;
      mandateId: string;
      area: string;
      onlineService: string;
      whatDone: string;
      by: string | null;
      /** Rang de l'acte pour la personne ; `id` est son numéro dans le journal de la structure. */
      personSeq: number;
    };

/** Signé dans la journée où il est établi (le cas courant, au rendez-vous) : une seule ligne dans l'historique. */
const SAME_SITTING_MS = 24 * 3600_000;

export const mandateEvents: TimelineSource<MandateEvent> = async (tx, actor, personId) => {
  const mandates = await mandatesOfPerson(tx, actor, personId);
  const acts = await actsOfPerson(tx, actor.structureId, personId, 200);
  return [
    ...mandates.flatMap((m) => {
      const event = (step: 'etabli' | 'etabli_signe' | 'signe' | 'revoque', at: Date) => ({
        kind: 'mandat' as const,
        at,
        id: `${m.id}-${step}`,
        mandateId: m.id,
        step,
        areas: m.areas,
        reason: step === 'revoque' ? m.revocationReason : null,
      });
      const sameSitting = m.signedAt && m.signedAt.getTime() - m.createdAt.getTime() < SAME_SITTING_MS;
      return [
        ...(sameSitting ? [event('etabli_signe', m.signedAt!)] : [event('etabli', m.createdAt)]),
        ...(m.signedAt && !sameSitting ? [event('signe', m.signedAt)] : []),
        ...(m.revokedAt ? [event('revoque', m.revokedAt)] : []),
      ];
    }),
    ...acts.map((act) => ({
      kind: 'acte' as const,
      at: act.occurredAt,
      id: String(act.seq),
      mandateId: act.mandateId,
      area: act.area,
      onlineService: act.onlineService,
      whatDone: act.whatDone,
      by: act.by,
      personSeq: act.personSeq,
    })),
  ];
};
