// L'import envoyé avec JavaScript (barre de progression) : le même cas d'usage, le rapport en JSON.
import type { Route } from './+types/lieux.importer.envoi';
import { importFromForm } from '../import-request.server';
import { requireAgent } from '../../../platform/authorize.server';

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'lieux.gerer');
  const report = await importFromForm(ctx, await args.request.formData());
  return Response.json(report, { status: report.ok ? 200 : 400, headers: { 'cache-control': 'no-store' } });
}
