// L'historique d'une personne se compose des événements que chaque capacité y apporte (accueil, mandats,
// orientations, diagnostic…) : une source par capacité, réunies par app/person-timeline.server.ts. Un événement a au
// moins une sorte, une date et un identifiant unique dans sa sorte ; le reste appartient à la capacité qui l'affiche.
import type { Tx } from '../db/database.server';
import type { Actor } from './policies';

export interface TimelineEventBase {
  kind: string;
  at: Date;
  id: string;
}

/** Une source d'événements : ce qu'une capacité sait d'une personne, lu dans la transaction de la requête. */
export type TimelineSource<E extends TimelineEventBase> = (tx: Tx, actor: Actor, personId: string) => Promise<E[]>;
