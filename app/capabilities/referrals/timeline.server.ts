// Ce que les orientations apportent à l'historique d'une personne : chaque étape (envoi, relance, prise en compte
// par le partenaire, expiration, résultat) à sa date.
import type { TimelineSource } from '../../platform/timeline';
import { referralsOfPerson } from './referrals.server';

export type ReferralStep = 'envoyee' | 'relancee' | 'prise_en_compte' | 'expiree' | 'close';
export type ReferralEvent = {
  kind: 'orientation';
  at: Date;
  id: string;
  referralId: string;
  placeName: string;
  step: ReferralStep;
  outcome: string | null;
  /** Le commentaire du lieu (ou de l'agent) avec le résultat : l'historique de la personne le garde. */
  comment: string | null;
};

export const referralEvents: TimelineSource<ReferralEvent> = async (tx, actor, personId) =>
  (await referralsOfPerson(tx, actor, personId)).flatMap(({ referral, placeName, state }) => {
    const event = (step: ReferralStep, at: Date) => ({
      kind: 'orientation' as const,
      at,
      id: `${referral.id}-${step}`,
      referralId: referral.id,
      placeName,
      step,
      outcome: step === 'close' ? state.outcome : null,
      comment: step === 'close' ? (state.comment ?? null) : null,
    });
    return [
      event('envoyee', referral.createdAt),
      ...(referral.lastReminderAt ? [event('relancee', referral.lastReminderAt)] : []),
      ...(state.acknowledgedAt ? [event('prise_en_compte', state.acknowledgedAt)] : []),
      ...(referral.expiredAt ? [event('expiree', referral.expiredAt)] : []),
      ...(state.outcomeAt ? [event('close', state.outcomeAt)] : []),
    ];
  });
