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
      step: 'etabli' | 'signe' | 'revoque';
      areas: string[];
      reason: string | null;
    }
  | { kind: 'acte'; at: Date; id: string; mandateId: string; area: string; onlineService: string; whatDone: string; by: string | null };

export const mandateEvents: TimelineSource<MandateEvent> = async (tx, actor, personId) => {
  const mandates = await mandatesOfPerson(tx, actor, personId);
  const acts = await actsOfPerson(tx, actor.structureId, personId, 200);
  return [
    ...mandates.flatMap((m) => {
      const event = (step: 'etabli' | 'signe' | 'revoque', at: Date) => ({
        kind: 'mandat' as const,
        at,
        id: `${m.id}-${step}`,
        mandateId: m.id,
        step,
        areas: m.areas,
        reason: step === 'revoque' ? m.revocationReason : null,
      });
      return [
        event('etabli', m.createdAt),
        ...(m.signedAt ? [event('signe', m.signedAt)] : []),
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
    })),
  ];
};
