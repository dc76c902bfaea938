// La page d'un organisme à qui une personne a transmis des papiers : le lien seul ne suffit pas, le code reçu dans un
// autre message ouvre l'accès pour ce navigateur ; ensuite, les papiers à voir ou télécharger, marqués du partage.
// Lien altéré, expiré ou arrêté par la personne, code faux, déjà utilisé ou bloqué : chacun le dit, avec quoi faire.
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/partage.$jeton';
import { allowPublic, servicesOf } from '../../../platform/authorize.server';
import { shareAccessCookie } from '../../../platform/cookies.server';
import { dateFormat } from '../../../platform/time';
import { CsrfField, Notice } from '../../../ui/form';
import { normalizeCode, shareIdOf } from '../rules';
import { enterShareCode, openShareLink, shareHeader, sharedDocuments, type ShareAccess } from '../shares.server';
import { DOCUMENT_KINDS, type DocumentKind } from '../vocabulary';

export const meta: Route.MetaFunction = () => [{ title: 'Papiers transmis — Relais' }, { name: 'robots', content: 'noindex' }];

const day = dateFormat({ dateStyle: 'long' });
const when = dateFormat({ dateStyle: 'long', timeStyle: 'short' });

/** Un lien qui n'ouvre plus rien le dit, avec la marche à suivre. */
function refusal(access: Extract<ShareAccess, { ok: false }>) {
  if (access.reason === 'expire')
    return data(
      {
        message: `Ce partage a pris fin le ${when.format(access.expiresAt!)}. Demandez à la personne de vous transmettre à nouveau ses papiers.`,
      },
      { status: 410 },
    );
  if (access.reason === 'retire')
    return data(
      {
        message:
          'La personne a arrêté ce partage : ses papiers ne sont plus visibles par ce lien. Demandez-lui de les transmettre à nouveau si besoin.',
      },
      { status: 410 },
    );
  return data(
    {
      message:
        'Ce lien n’est pas valable. Vérifiez qu’il a été copié en entier, ou demandez à la personne de vous transmettre à nouveau ses papiers.',
    },
    { status: 404 },
  );
}

const STATE_MESSAGES = {
  deja_utilise:
    'Ce lien a déjà été ouvert avec son code, sur un autre navigateur. Pour le rouvrir ici, demandez à la personne de vous envoyer un nouveau code.',
  bloque: 'Le code a été mal tapé 5 fois : ce lien est bloqué. Demandez à la personne de vous envoyer un nouveau code.',
} as const;

async function accessTokenOf(args: Route.LoaderArgs | Route.ActionArgs) {
  const value = await shareAccessCookie(servicesOf(args.context).config.secureCookies, shareIdOf(args.params.jeton)).parse(
    args.request.headers.get('Cookie'),
  );
  return typeof value === 'string' ? value : null;
}

export async function loader(args: Route.LoaderArgs) {
  const scope = allowPublic(args);
  const access = await openShareLink(scope, args.params.jeton, await accessTokenOf(args));
  if (!access.ok) throw refusal(access);
  const header = await shareHeader(scope.tx, access);
  const documents = access.state === 'ouvert' ? await sharedDocuments(scope.tx, access) : [];
  return {
    base: `/partage/${encodeURIComponent(args.params.jeton)}`,
    state: access.state,
    personName: header.personName,
    structureName: header.structureName,
    recipientName: header.recipientName,
    sharedAt: when.format(header.createdAt),
    expiresAt: when.format(header.expiresAt),
    documents: documents.map((d) => ({
      id: d.id,
      kind: DOCUMENT_KINDS[d.kind as DocumentKind]?.label ?? d.kind,
      issuedOn: d.issuedOn ? day.format(new Date(`${d.issuedOn}T12:00:00`)) : null,
      expiresOn: d.expiresOn ? day.format(new Date(`${d.expiresOn}T12:00:00`)) : null,
      pages: d.pageCount,
    })),
  };
}

export async function action(args: Route.ActionArgs) {
  const scope = allowPublic(args);
  const form = await args.request.formData();
  const code = normalizeCode(String(form.get('code') ?? '').slice(0, 40));
  if (!/^\d{6}$/.test(code))
    return data({ error: 'Tapez les 6 chiffres du code reçu dans le second e-mail, par exemple 123 456.', value: code }, { status: 400 });
  const result = await enterShareCode(scope, args.params.jeton, code);
  if (result.ok) {
    const cookie = await shareAccessCookie(scope.services.config.secureCookies, shareIdOf(args.params.jeton)).serialize(result.accessToken);
    throw redirect(`/partage/${encodeURIComponent(args.params.jeton)}`, { headers: { 'Set-Cookie': cookie } });
  }
  if (!result.access.ok) throw refusal(result.access);
  if (result.wrongCode)
    return data(
      {
        error:
          result.wrongCode.remaining > 0
            ? `Ce code n’est pas le bon. Vérifiez les 6 chiffres : encore ${result.wrongCode.remaining} essai${result.wrongCode.remaining > 1 ? 's' : ''}.`
            : STATE_MESSAGES.bloque,
        value: '',
      },
      { status: 400 },
    );
  // L'état a changé entre l'affichage et l'envoi (déjà ouvert ailleurs, bloqué) : la page le dit.
  throw redirect(`/partage/${encodeURIComponent(args.params.jeton)}`);
}

export default function SharedPapers() {
  const { base, state, personName, structureName, recipientName, sharedAt, expiresAt, documents } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Papiers transmis par {personName}</h1>
      <p>
        Transmis le {sharedAt} pour {recipientName}, depuis le coffre-fort Relais de {structureName}. Accès possible jusqu’au {expiresAt},
        sauf si la personne l’arrête avant. Chaque ouverture lui est montrée.
      </p>
      {state === 'ouvert' ? (
        <section aria-labelledby="papiers-titre">
          <h2 id="papiers-titre">Les papiers</h2>
          {documents.length === 0 ? (
            <p>La personne a retiré les papiers de ce partage.</p>
          ) : (
            <ul className="relais-plain-list">
              {documents.map((d) => (
                <li key={d.id} className="fr-mb-3w">
                  <h3 className="fr-h5 fr-mb-1w">{d.kind}</h3>
                  <p className="fr-mb-1w">
                    {d.issuedOn && <>Délivré le {d.issuedOn}. </>}
                    {d.expiresOn && <>Valable jusqu’au {d.expiresOn}. </>}
                    {d.pages} page{d.pages > 1 ? 's' : ''}, en PDF marqué du partage.
                  </p>
                  <ul className="fr-btns-group fr-btns-group--inline-sm">
                    <li>
                      <a className="fr-btn fr-btn--secondary" href={`${base}/${d.id}?voir=1`} target="_blank" rel="noreferrer">
                        Voir<span className="fr-sr-only"> : {d.kind} (nouvel onglet)</span>
                      </a>
                    </li>
                    <li>
                      <a className="fr-btn" href={`${base}/${d.id}`} download>
                        Télécharger<span className="fr-sr-only"> : {d.kind}</span>
                      </a>
                    </li>
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : state === 'code' ? (
        <Form method="post" noValidate>
          <CsrfField />
          <div className={`fr-input-group${result?.error ? ' fr-input-group--error' : ''}`}>
            <label className="fr-label" htmlFor="code">
              Code reçu dans le second e-mail
              <span className="fr-hint-text" id="code-aide">
                6 chiffres. Le code ne sert qu’une fois : il ouvre les papiers sur ce navigateur.
              </span>
            </label>
            <input
              className={`fr-input${result?.error ? ' fr-input--error' : ''}`}
              id="code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={12}
              defaultValue={result?.value}
              aria-invalid={result?.error ? true : undefined}
              aria-describedby={result?.error ? 'code-aide code-erreur' : 'code-aide'}
            />
            {result?.error && (
              <p className="fr-error-text" id="code-erreur">
                {result.error}
              </p>
            )}
          </div>
          <button type="submit" className="fr-btn">
            Ouvrir les papiers
          </button>
        </Form>
      ) : (
        <Notice kind="warning" title={STATE_MESSAGES[state]} />
      )}
    </div>
  );
}
