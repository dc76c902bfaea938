import { data, Form, Link, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/lieux.importer';
import { importFromForm } from '../import-request.server';
import { MAX_IMPORT_BYTES, MAX_IMPORT_PLACES, tooLargeMessage } from '../import-limits';
import { ImportReportView } from '../ui/import-report';
import { ImportWithProgress } from '../ui/import-progress';
import { requireAgent } from '../../../platform/authorize.server';
import { CsrfField } from '../../../ui/form';

export const meta: Route.MetaFunction = () => [{ title: 'Importer des lieux — Annuaire — Relais' }];

export async function loader(args: Route.LoaderArgs) {
  await requireAgent(args, 'lieux.gerer');
  // Un envoi trop gros est arrêté par le serveur avant d'arriver ici (server/http.ts), qui revient avec sa taille.
  const tooLarge = Number(new URL(args.request.url).searchParams.get('trop-gros'));
  return { tooLarge: tooLarge > 0 ? tooLargeMessage(tooLarge) : null };
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'lieux.gerer');
  const report = await importFromForm(ctx, await args.request.formData());
  return data({ report }, { status: report.ok ? 200 : 400 });
}

const MEGABYTES = MAX_IMPORT_BYTES / 1024 / 1024;

export default function ImporterDesLieux() {
  const { tooLarge } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fileError = tooLarge ?? (result?.report && !result.report.ok ? result.report.error : null);
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to="/lieux">← Annuaire</Link>
      </p>
      <h1>Importer des lieux</h1>
      <p>
        Un fichier au format du schéma national des lieux de médiation numérique (v1.0.2), tel que le publient data.inclusion, la
        cartographie nationale ou un autre Relais : CSV séparé par des virgules (valeurs multiples séparées par |) ou JSON. Chaque ligne est
        vérifiée ; les lignes valides sont importées ensemble, un lieu déjà connu par son identifiant est mis à jour.
      </p>
      <ImportWithProgress maxBytes={MAX_IMPORT_BYTES}>
        <Form method="post" encType="multipart/form-data" noValidate>
          <CsrfField />
          <div className={`fr-upload-group fr-input-group${fileError ? ' fr-input-group--error' : ''}`}>
            <label className="fr-label" htmlFor="fichier">
              Fichier des lieux
              <span className="fr-hint-text" id="fichier-aide">
                CSV ou JSON, {MEGABYTES} Mo et {MAX_IMPORT_PLACES.toLocaleString('fr-FR')} lieux au plus.
              </span>
            </label>
            <input
              className="fr-upload"
              type="file"
              id="fichier"
              name="fichier"
              accept=".csv,.json,text/csv,application/json"
              aria-describedby={`fichier-aide${fileError ? ' fichier-erreur' : ''}`}
              aria-invalid={fileError ? true : undefined}
            />
            {fileError && (
              <p className="fr-error-text" id="fichier-erreur">
                {fileError}
              </p>
            )}
          </div>
          <button className="fr-btn fr-mt-2w" type="submit">
            Importer
          </button>
        </Form>
      </ImportWithProgress>
      {result?.report.ok && <ImportReportView report={result.report} />}
    </div>
  );
}
