// « Ajouter un papier » (portail) : l'accord d'abord (une case), puis le papier — un fichier, plusieurs pages ou une
// photo prise avec le téléphone (`capture`), sans JavaScript. Le serveur arrête un envoi trop gros et revient ici.
import { data, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/mon-espace.papiers.ajouter';
import { requireResident } from '../../../platform/authorize.server';
import { today } from '../../../platform/time';
import { CsrfField } from '../../../ui/form';
import type { PortalKey } from '../../portal/i18n';
import { helpOf } from '../../portal/resident-pages.server';
import { readResidentSession } from '../../portal/sessions.server';
import { BackToSpace, FieldError, PortalFrame } from '../../portal/ui/portal-frame';
import { portalTitle } from '../../portal/ui/portal-title';
import { usePortal } from '../../portal/ui/use-portal';
import { IntakeError, prepareDocument, uploadsOf } from '../intake.server';
import { acceptVault, addMyPaper, myPapers } from '../my-papers.server';
import { documentDetailsSchema } from '../rules';
import { storageFailureMessage } from '../vault.server';
import { DOCUMENT_KINDS, MAX_UPLOAD_BYTES } from '../vocabulary';
import { ACCEPTED_FILES } from '../ui/paper-files-field';

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'ajouter_papier.titre');

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} Mo`;

type Problems = Partial<Record<'accord' | 'kind' | 'issuedOn' | 'expiresOn' | 'fichiers', string>>;
type Values = Partial<Record<'kind' | 'issuedOn' | 'expiresOn', string>>;

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  const { open } = await myPapers(scope);
  const tooLarge = Number(new URL(args.request.url).searchParams.get('trop-gros'));
  return {
    open,
    tooLarge: tooLarge > 0 ? megabytes(tooLarge) : null,
    help: await helpOf(scope),
    sharedComputer: scope.resident.sharedComputer,
  };
}

const refuse = (problems: Problems, values: Values = {}, status = 400) => data({ problems, values }, { status });

export async function action(args: Route.ActionArgs) {
  const scope = await requireResident(args, readResidentSession);
  const form = await args.request.formData().catch(() => null);
  if (!form) return refuse({ fichiers: 'fichier_abime' });
  if (form.get('intent') === 'accord') {
    if (form.get('accord') !== 'oui') return refuse({ accord: 'accord' });
    await acceptVault(scope);
    throw redirect('/mon-espace/papiers/ajouter');
  }
  const values: Values = {
    kind: String(form.get('kind') ?? '').slice(0, 50),
    issuedOn: String(form.get('issuedOn') ?? '').slice(0, 20),
    expiresOn: String(form.get('expiresOn') ?? '').slice(0, 20),
  };
  const details = documentDetailsSchema(today(scope.now)).safeParse(values);
  if (!details.success) {
    const problems: Problems = {};
    for (const issue of details.error.issues) {
      const field = issue.path[0];
      if (field === 'kind') problems.kind = 'type';
      if (field === 'issuedOn' || field === 'expiresOn') problems[field] = 'date';
    }
    return refuse(problems, values);
  }
  const uploads = await uploadsOf(form);
  try {
    const prepared = await prepareDocument(uploads);
    const fileName = uploads.length === 1 ? uploads[0]!.name : `${DOCUMENT_KINDS[details.data.kind].label} (${uploads.length} pages)`;
    await addMyPaper(scope, { ...details.data, fileName }, prepared);
  } catch (error) {
    if (error instanceof IntakeError) return refuse({ fichiers: `fichier_${error.problem}` }, values);
    if (storageFailureMessage(error)) return refuse({ fichiers: 'stockage' }, values, 503);
    throw error;
  }
  throw redirect('/mon-espace/papiers?fait=ajoute');
}

export default function AddPaper() {
  const { open, tooLarge, help, sharedComputer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = usePortal();
  const problems: Problems = result?.problems ?? {};
  const values: Values = result?.values ?? {};
  const max = megabytes(MAX_UPLOAD_BYTES);
  const message = (key: string | undefined) =>
    key ? t(`ajouter_papier.erreurs.${key}` as PortalKey, { size: tooLarge ?? '', max }) : undefined;
  const fileProblem = problems.fichiers ?? (tooLarge ? 'fichier_gros' : undefined);
  const describedBy = (id: string, problem?: string) => [`${id}-aide`, problem ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  return (
    <PortalFrame path="/mon-espace/papiers/ajouter" signedIn sharedComputer={sharedComputer} help={help}>
      <BackToSpace />
      <p>
        <a href="/mon-espace/papiers">{t('papiers.titre')}</a>
      </p>
      <h1>{t('ajouter_papier.titre')}</h1>
      {!open ? (
        <form method="post" noValidate className="portail-carte">
          <CsrfField />
          <input type="hidden" name="intent" value="accord" />
          <h2>{t('ajouter_papier.accord_titre')}</h2>
          <ul>
            <li>{t('ajouter_papier.accord_1')}</li>
            <li>{t('ajouter_papier.accord_2')}</li>
            <li>{t('ajouter_papier.accord_3')}</li>
          </ul>
          <div className="portail-case">
            <input
              type="checkbox"
              id="accord"
              name="accord"
              value="oui"
              aria-invalid={problems.accord ? true : undefined}
              aria-describedby={problems.accord ? 'accord-erreur' : undefined}
            />
            <label htmlFor="accord">{t('ajouter_papier.accord')}</label>
          </div>
          <FieldError id="accord-erreur" message={message(problems.accord)} />
          <button type="submit" className="portail-bouton">
            {t('ajouter_papier.accord_bouton')}
          </button>
        </form>
      ) : (
        <form method="post" encType="multipart/form-data" noValidate className="portail-carte">
          <CsrfField />
          <input type="hidden" name="intent" value="ajouter" />
          <div className="portail-champ">
            <label htmlFor="kind">{t('ajouter_papier.type')}</label>
            <select
              id="kind"
              name="kind"
              defaultValue={values.kind ?? ''}
              aria-invalid={problems.kind ? true : undefined}
              aria-describedby={problems.kind ? 'kind-erreur' : undefined}
            >
              <option value="" disabled>
                —
              </option>
              {Object.keys(DOCUMENT_KINDS).map((kind) => (
                <option key={kind} value={kind}>
                  {t(`papiers.types.${kind}` as PortalKey)}
                </option>
              ))}
            </select>
            <FieldError id="kind-erreur" message={message(problems.kind)} />
          </div>
          <div className="portail-champ">
            <label htmlFor="fichiers">
              {t('ajouter_papier.fichier')}
              <span className="portail-aide-champ" id="fichiers-aide">
                {t('ajouter_papier.fichier_aide', { max })}
              </span>
            </label>
            <input
              type="file"
              id="fichiers"
              name="fichiers"
              multiple
              accept={ACCEPTED_FILES}
              aria-invalid={fileProblem ? true : undefined}
              aria-describedby={describedBy('fichiers', fileProblem)}
            />
            <FieldError id="fichiers-erreur" message={message(fileProblem)} />
          </div>
          <div className="portail-champ">
            <label htmlFor="photo">{t('ajouter_papier.photo')}</label>
            <input type="file" id="photo" name="fichiers" accept="image/*" capture="environment" />
          </div>
          {(['issuedOn', 'expiresOn'] as const).map((field) => (
            <div className="portail-champ" key={field}>
              <label htmlFor={field}>{t(field === 'issuedOn' ? 'ajouter_papier.delivre' : 'ajouter_papier.fin')}</label>
              <input
                type="date"
                id={field}
                name={field}
                defaultValue={values[field]}
                aria-invalid={problems[field] ? true : undefined}
                aria-describedby={problems[field] ? `${field}-erreur` : undefined}
              />
              <FieldError id={`${field}-erreur`} message={message(problems[field])} />
            </div>
          ))}
          <button type="submit" className="portail-bouton">
            {t('ajouter_papier.envoyer')}
          </button>
        </form>
      )}
    </PortalFrame>
  );
}
