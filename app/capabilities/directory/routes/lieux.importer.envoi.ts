// L'import envoyé avec JavaScript (barre de progression) : le même cas d'usage, le rapport en JSON.
import type { Route } from './+types/lieux.importer.envoi';
import { importFromForm } from '../import-request.server';
import { requireAgent } from '../../../platform/authorize.server';

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'lieux.gerer');
  const report = await importFromForm(ctx, await args.request.formData());
  return Response.json(report, { status: report.ok ? 200 : 400, headers: { 'cache-control': 'no-store' } });
}

/** Cette adresse ne reçoit que l'envoi du fichier : ouverte dans le navigateur, elle le dit en français. */
export async function loader(args: Route.LoaderArgs) {
  await requireAgent(args, 'lieux.gerer');
  return Response.json(
    { ok: false, error: "Cette adresse reçoit le fichier envoyé par la page d'import : ouvrez « Importer des lieux »." },
    { status: 405, headers: { allow: 'POST' } },
  );
}
