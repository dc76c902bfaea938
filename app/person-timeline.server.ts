// Le registre de l'historique d'une personne : la source de chaque capacité qui y apporte des événements. Une
// capacité nouvelle (coffre-fort, ateliers, rendez-vous…) ajoute ici sa source, et son affichage dans
// app/ui/person-timeline.tsx ; la fiche de la personne n'a rien à savoir d'elle.
import { diagnosisEvents, type DiagnosisEvent } from './capabilities/diagnosis/timeline.server';
import { mandateEvents, type MandateEvent } from './capabilities/mandates/timeline.server';
import { receptionEvents, type ReceptionEvent } from './capabilities/reception/timeline.server';
import { referralEvents, type ReferralEvent } from './capabilities/referrals/timeline.server';
import { workshopEvents, type WorkshopEvent } from './capabilities/workshops/timeline.server';
import type { Tx } from './db/database.server';
import type { Actor } from './platform/policies';

export type TimelineEvent = ReceptionEvent | MandateEvent | ReferralEvent | DiagnosisEvent | WorkshopEvent;

const SOURCES = [receptionEvents, mandateEvents, referralEvents, diagnosisEvents, workshopEvents] as const;

/** Tous les événements d'une personne, du plus récent au plus ancien. */
export async function personTimeline(tx: Tx, actor: Actor, personId: string): Promise<TimelineEvent[]> {
  const events: TimelineEvent[] = [];
  for (const source of SOURCES) events.push(...(await source(tx, actor, personId)));
  return events.sort((a, b) => b.at.getTime() - a.at.getTime());
}
