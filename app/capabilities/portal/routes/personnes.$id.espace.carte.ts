// Côté agent : la carte de l'espace personnel. « Imprimer une carte » rend le PDF (la carte et la lettre du code
// secret, qui n'est montré qu'ici, une fois) et remplace la carte d'avant ; « Carte perdue » et « Retirer la carte »
// l'arrêtent tout de suite. Un formulaire ordinaire (JavaScript ou non) : la réponse est un fichier ou une redirection.
import { data, redirect } from 'react-router';
import type { Route } from './+types/personnes.$id.espace.carte';
import { requireAgent } from '../../../platform/authorize.server';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { pdfResponse } from '../../../platform/pdf.server';
import { PERSON_NOT_FOUND } from '../../reception/errors';
import { cardPdf } from '../card-pdf.server';
import { cardSheetOf, issueCard, withdrawCard } from '../cards.server';

export async function loader(args: Route.LoaderArgs) {
  await requireAgent(args, 'espaces.gerer');
  throw redirect(`/personnes/${requireIdParam(args.params.id, PERSON_NOT_FOUND)}/espace`);
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'espaces.gerer');
  const id = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const intent = (await args.request.formData()).get('intent');
  if (intent === 'perdue' || intent === 'retiree') {
    const done = await withdrawCard(ctx, id, intent);
    throw redirect(`/personnes/${id}/espace?fait=${done ? `carte_${intent}` : 'sans_carte'}`);
  }
  if (intent !== 'imprimer')
    return data({ message: 'Action non reconnue : imprimer une carte, la déclarer perdue ou la retirer.' }, { status: 400 });
  const issued = await issueCard(ctx, id);
  if (!issued) throw notFound("Cette personne n'a pas d'espace ouvert.");
  // Un fichier enregistré, pas un onglet : la lettre du code secret ne reste pas affichée sur le poste de l'agent.
  return pdfResponse(await cardPdf(await cardSheetOf(ctx, issued)), 'carte-mon-espace.pdf', 'attachment');
}
