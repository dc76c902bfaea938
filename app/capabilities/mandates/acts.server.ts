// Un acte fait à la place d'une personne : il faut un mandat signé qui le couvre (ou un mandat d'un jour
// établi sur-le-champ avec elle), puis l'acte rejoint le journal chaîné. Appelé dans la transaction de
// la sollicitation : un refus annule tout, rien n'est enregistré à moitié.
import type { Tx } from '../../db/database.server';
import { recordAudit } from '../../platform/audit.server';
import type { Actor } from '../../platform/policies';
import type { Services } from '../../platform/services.server';
import { appendAct } from './journal.server';
import { insertMandate, mandatesOfPerson, signIn } from './mandates.server';
import { findCovering, type ActInput, type Coverage } from './rules';
import { CONSENT_ITEMS, type ConsentItem } from './vocabulary';

export interface OnTheSpotMandate {
  signerName: string;
}

export interface ActUnderMandate {
  act: ActInput;
  onTheSpot: OnTheSpotMandate | null;
}

/** Levée dans la transaction pour l'annuler : aucun mandat ne couvre l'acte. */
export class MandateRequired extends Error {
  constructor(readonly reason: Exclude<Coverage, 'couvert'>) {
    super(`Mandat requis : ${reason}`);
  }
}

export async function recordActUnderMandate(
  tx: Tx,
  services: Services,
  actor: Actor,
  context: { personId: string; solicitationId: string; occurredAt: Date; procedure: string | null },
  { act, onTheSpot }: ActUnderMandate,
) {
  if (onTheSpot) {
    // Un jour, le seul domaine de l'acte : le minimum pour faire ce qui doit l'être aujourd'hui.
    const id = await insertMandate(tx, actor, context.personId, {
      areas: [act.mandateArea],
      duration: 'un_jour',
      consent: Object.keys(CONSENT_ITEMS) as ConsentItem[],
      protection: 'aucune',
    });
    await signIn(tx, actor, id, 'un_jour', { method: 'ecran_nom', signedAt: services.now(), signerName: onTheSpot.signerName });
  }
  const found = findCovering(await mandatesOfPerson(tx, actor, context.personId), act.mandateArea, context.occurredAt);
  if (!found.ok) throw new MandateRequired(found.reason);
  const seq = await appendAct(
    tx,
    actor.structureId,
    {
      mandateId: found.mandate.id,
      personId: context.personId,
      solicitationId: context.solicitationId,
      area: act.mandateArea,
      procedure: context.procedure,
      onlineService: act.onlineService!,
      whatDone: act.actDone!,
      occurredAt: context.occurredAt,
      actorId: actor.userId,
    },
    services.now(),
  );
  await recordAudit(tx, actor, 'mandat.acte', { type: 'mandat', id: found.mandate.id }, { ligne: seq });
  return found.mandate.id;
}
