// « Envoyer des papiers » (portail) : la personne choisit les papiers, l'organisme (nom, e-mail) et la durée ; le lien
// part à l'organisme, le code dans un autre message, et la page montre aussi le code à la personne (une seule fois).
import { data, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/mon-espace.papiers.partager';
import { requireResident } from '../../../platform/authorize.server';
import { CsrfField } from '../../../ui/form';
import { formatDateTime, type PortalKey } from '../../portal/i18n';
import { helpOf } from '../../portal/resident-pages.server';
import { readResidentSession } from '../../portal/sessions.server';
import { BackToSpace, FieldError, PortalFrame, PortalTextField } from '../../portal/ui/portal-frame';
import { portalTitle } from '../../portal/ui/portal-title';
import { usePortal } from '../../portal/ui/use-portal';
import { myChosenRecipients, myPresentPapers, shareMyPapers, shareMyPapersWithChosen } from '../my-papers.server';
import { SHARE_DURATIONS, type ShareProblem } from '../rules';

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'partager.titre');

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  return {
    documents: await myPresentPapers(scope),
    recipients: (await myChosenRecipients(scope)).map((c) => ({ value: c.value, label: c.label, kind: c.recipient.kind })),
    help: await helpOf(scope),
    sharedComputer: scope.resident.sharedComputer,
  };
}

export async function action(args: Route.ActionArgs) {
  const scope = await requireResident(args, readResidentSession);
  const form = await args.request.formData();
  const input = {
    documentIds: form
      .getAll('papiers')
      .map(String)
      .slice(0, 50)
      .map((id) => id.slice(0, 40)),
    recipient: String(form.get('destinataire') ?? 'organisme').slice(0, 60),
    recipientName: String(form.get('nom') ?? '').slice(0, 500),
    recipientEmail: String(form.get('email') ?? '').slice(0, 500),
    duration: String(form.get('duree') ?? '').slice(0, 5),
  };
  if (input.recipient !== 'organisme') {
    const shared = await shareMyPapersWithChosen(scope, { ...input, recipientId: input.recipient });
    if (!shared.ok) return data({ problem: shared.problem, values: input, done: null }, { status: 400 });
    return { problem: {} as ShareProblem, values: input, done: { partner: shared.recipientName, expiresAt: shared.expiresAt } };
  }
  const shared = await shareMyPapers(scope, input);
  if (!shared.ok) return data({ problem: shared.problem, values: input, done: null }, { status: 400 });
  return {
    problem: {} as ShareProblem,
    values: input,
    done: { code: shared.code, email: shared.recipientEmail, expiresAt: shared.expiresAt },
  };
}

export default function SharePapers() {
  const { documents, recipients, help, sharedComputer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, language, timeZone } = usePortal();
  const problem: ShareProblem = result?.problem ?? {};
  const values = result?.values;
  const error = (field: keyof ShareProblem) => (problem[field] ? t(`partager.erreurs.${field}_${problem[field]}` as PortalKey) : undefined);
  const done = result?.done;
  return (
    <PortalFrame path="/mon-espace/papiers/partager" signedIn sharedComputer={sharedComputer} help={help}>
      <BackToSpace />
      <p>
        <a href="/mon-espace/papiers">{t('papiers.titre')}</a>
      </p>
      <h1>{t('partager.titre')}</h1>
      {done && 'partner' in done ? (
        <section className="portail-carte" aria-labelledby="fait-titre">
          <h2 id="fait-titre">{t('partager.fait_titre')}</h2>
          <p>{t('partager.fait_partenaire', { nom: done.partner })}</p>
          <p>{t('partager.fait_partenaire_fin', { date: formatDateTime(language, new Date(done.expiresAt), timeZone) })}</p>
          <a className="portail-bouton" href="/mon-espace/papiers">
            {t('partager.retour')}
          </a>
        </section>
      ) : done ? (
        <section className="portail-carte" aria-labelledby="fait-titre">
          <h2 id="fait-titre">{t('partager.fait_titre')}</h2>
          <p>{t('partager.fait_lien', { email: done.email })}</p>
          <p>{t('partager.fait_code')}</p>
          <p className="portail-code" id="code-partage">
            {done.code.slice(0, 3)} {done.code.slice(3)}
          </p>
          <p>{t('partager.fait_code_aide')}</p>
          <p>{t('partager.fait_fin', { date: formatDateTime(language, new Date(done.expiresAt), timeZone) })}</p>
          <a className="portail-bouton" href="/mon-espace/papiers">
            {t('partager.retour')}
          </a>
        </section>
      ) : documents.length === 0 ? (
        <p>{t('partager.sans_papier')}</p>
      ) : (
        <form method="post" noValidate className="portail-carte">
          <CsrfField />
          <p>{t('partager.intro')}</p>
          <fieldset className="portail-choix" aria-describedby={problem.papiers ? 'papiers-erreur' : undefined}>
            <legend>{t('partager.papiers')}</legend>
            {documents.map((d) => (
              <div className="portail-case" key={d.id}>
                <input
                  type="checkbox"
                  id={`papier-${d.id}`}
                  name="papiers"
                  value={d.id}
                  defaultChecked={values?.documentIds.includes(d.id)}
                />
                <label htmlFor={`papier-${d.id}`}>{t(`papiers.types.${d.kind}` as PortalKey)}</label>
              </div>
            ))}
            <FieldError id="papiers-erreur" message={error('papiers')} />
          </fieldset>
          {recipients.length > 0 && (
            <fieldset className="portail-choix" aria-describedby={problem.destinataire ? 'destinataire-erreur' : 'destinataire-aide'}>
              <legend>{t('partager.destinataire')}</legend>
              <p id="destinataire-aide">{t('partager.destinataire_aide')}</p>
              {recipients.map((recipient, index) => (
                <div className="portail-case" key={recipient.value}>
                  <input
                    type="radio"
                    id={`destinataire-${index}`}
                    name="destinataire"
                    value={recipient.value}
                    defaultChecked={values?.recipient === recipient.value}
                  />
                  <label htmlFor={`destinataire-${index}`}>
                    {recipient.kind === 'agent'
                      ? t('partager.destinataire_agent', { nom: recipient.label })
                      : t('partager.destinataire_orientation', { lieu: recipient.label })}
                  </label>
                </div>
              ))}
              <div className="portail-case">
                <input
                  type="radio"
                  id="destinataire-organisme"
                  name="destinataire"
                  value="organisme"
                  defaultChecked={(values?.recipient ?? 'organisme') === 'organisme'}
                />
                <label htmlFor="destinataire-organisme">{t('partager.destinataire_organisme')}</label>
              </div>
              <FieldError id="destinataire-erreur" message={error('destinataire')} />
            </fieldset>
          )}
          <PortalTextField
            id="nom"
            type="text"
            label={t('partager.nom')}
            hint={t('partager.nom_aide')}
            maxLength={120}
            defaultValue={values?.recipientName}
            error={error('nom')}
          />
          <PortalTextField
            id="email"
            type="email"
            label={t('partager.email')}
            hint={t('partager.email_aide')}
            autoComplete="off"
            maxLength={254}
            defaultValue={values?.recipientEmail}
            error={error('email')}
          />
          <fieldset className="portail-choix" aria-describedby={problem.duree ? 'duree-erreur' : undefined}>
            <legend>{t('partager.duree')}</legend>
            {SHARE_DURATIONS.map((duration) => (
              <div className="portail-case" key={duration}>
                <input
                  type="radio"
                  id={`duree-${duration}`}
                  name="duree"
                  value={duration}
                  defaultChecked={(values?.duration ?? '7j') === duration}
                />
                <label htmlFor={`duree-${duration}`}>{t(`partager.durees.${duration}`)}</label>
              </div>
            ))}
            <FieldError id="duree-erreur" message={error('duree')} />
          </fieldset>
          <button type="submit" className="portail-bouton">
            {t('partager.envoyer')}
          </button>
        </form>
      )}
    </PortalFrame>
  );
}
