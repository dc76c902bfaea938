// Côté agent : l'espace personnel d'une personne. Il s'ouvre avec son accord (coché par le médiateur devant elle) et
// le moyen de connexion choisi ; le fermer met fin à toutes ses sessions et à ses codes.
import { data, Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/personnes.$id.espace';
import { requireAgent } from '../../../platform/authorize.server';
import { formFailure, parseForm, rejectForm } from '../../../platform/forms.server';
import { isId, notFound, requireIdParam } from '../../../platform/http.server';
import { dateFormat } from '../../../platform/time';
import { ofName } from '../../../platform/text';
import { CsrfField, ErrorSummary, Notice, RadioGroup, TextAreaField, feedbackOf } from '../../../ui/form';
import { PERSON_NOT_FOUND } from '../../reception/errors';
import { channelProblem, SIGN_IN_CHANNELS, spaceOpeningSchema, type RequestKind, type SignInChannel } from '../rules';
import { validCardOf } from '../cards.server';
import { decideIdentity, identitiesOf } from '../franceconnect.server';
import { answerRequest, requestsOfPerson } from '../requests.server';
import { closeSpace, openSpace, readSpacesOf } from '../spaces.server';

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `Espace personnel ${ofName(data?.person.name ?? 'la personne')} — Relais` },
];

const day = dateFormat({ dateStyle: 'long', timeStyle: 'short' });
const dayOnly = dateFormat({ dateStyle: 'long' });
const REQUEST_LABELS: Record<RequestKind, string> = { correction: 'Correction', effacement: 'Effacement des données' };
const channelLabel = (channel: string) => SIGN_IN_CHANNELS[channel as SignInChannel]?.label ?? channel;

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'espaces.gerer');
  const id = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const file = await readSpacesOf(ctx, id);
  if (!file) throw notFound(PERSON_NOT_FOUND);
  const { person } = file;
  const describe = (space: NonNullable<typeof file.open>) => ({
    channel: channelLabel(space.channel),
    opened: `Ouvert le ${day.format(space.consentAt)} par ${space.openedBy}, avec l'accord de la personne`,
    closed: space.closedAt
      ? `fermé le ${day.format(space.closedAt)}${space.closedBy ? ` par ${space.closedBy}` : ' (fiche anonymisée)'}`
      : null,
  });
  return {
    person: { id: person.id, name: [person.firstName, person.lastName].filter(Boolean).join(' ') },
    open: file.open ? describe(file.open) : null,
    card: file.open ? describeCard(await validCardOf(ctx, file.open.id)) : null,
    franceConnect: ctx.services.config.franceConnect !== null,
    identities: (await identitiesOf(ctx, id)).map((identity) => ({
      id: identity.id,
      pending: identity.confirmedAt === null,
      text: identity.confirmedAt
        ? `Connexion par FranceConnect confirmée le ${day.format(identity.confirmedAt)}.`
        : `Première connexion par FranceConnect le ${day.format(identity.createdAt)} : « ${identity.claimed} ».`,
    })),
    requests: (await requestsOfPerson(ctx, id)).map(({ request, answeredBy }) => ({
      id: request.id,
      title: `${REQUEST_LABELS[request.kind as RequestKind] ?? request.kind} demandée le ${day.format(request.createdAt)}`,
      message: request.message,
      due: `Réponse due avant le ${dayOnly.format(request.dueAt)}`,
      late: !request.answeredAt && request.dueAt < ctx.now,
      answer: request.answeredAt
        ? `Répondu le ${day.format(request.answeredAt)} par ${answeredBy ?? 'un agent'} : ${request.answer}`
        : null,
    })),
    closed: file.closed.map(describe),
    // Ce qui manque à la fiche pour chaque moyen, dit avant que l'agent ne choisisse.
    channels: (Object.keys(SIGN_IN_CHANNELS) as SignInChannel[]).map((channel) => ({
      value: channel,
      label: `${SIGN_IN_CHANNELS[channel].label} (${SIGN_IN_CHANNELS[channel].detail})`,
      problem: channelProblem(channel, person),
    })),
    done: new URL(args.request.url).searchParams.get('fait'),
  };
}

function describeCard(card: Awaited<ReturnType<typeof validCardOf>>) {
  if (!card) return { valid: false, text: 'Aucune carte valable. Imprimez-en une : la carte et la lettre du code secret.' };
  const state = card.lockedAt
    ? `bloquée le ${day.format(card.lockedAt)} après 5 codes faux : imprimez-en une nouvelle`
    : card.lastUsedAt
      ? `dernière connexion le ${day.format(card.lastUsedAt)}`
      : 'pas encore utilisée';
  return { valid: true, text: `Carte imprimée le ${day.format(card.createdAt)}, ${state}.` };
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'espaces.gerer');
  const id = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const form = await args.request.formData();
  if (form.get('intent') === 'repondre') {
    const result = await answerRequest(ctx, id, String(form.get('demande') ?? ''), String(form.get('reponse') ?? ''));
    if (result.ok) throw redirect(`/personnes/${id}/espace?fait=repondu#demandes`);
    if (result.error === 'reponse_vide')
      return data({ errors: { reponse: 'Écrivez la réponse que la personne lira dans son espace.' }, values: {} }, { status: 400 });
    const message = result.error === 'deja_repondue' ? 'Cette demande a déjà reçu une réponse.' : 'Demande introuvable.';
    return data({ errors: { formulaire: message }, values: {} }, { status: result.error === 'deja_repondue' ? 409 : 404 });
  }
  if (form.get('intent') === 'franceconnect') {
    const identityId = String(form.get('identite') ?? '');
    const confirm = form.get('decision') === 'confirmer';
    if (!isId(identityId) || !(await decideIdentity(ctx, id, identityId, confirm)))
      return data({ errors: { formulaire: 'Cette connexion par FranceConnect n’attend plus de réponse.' }, values: {} }, { status: 409 });
    throw redirect(`/personnes/${id}/espace?fait=${confirm ? 'franceconnect_confirme' : 'franceconnect_refuse'}`);
  }
  if (form.get('intent') === 'fermer') {
    if (!(await closeSpace(ctx, id)))
      return data({ errors: { formulaire: "Cette personne n'a pas d'espace ouvert." }, values: {} }, { status: 409 });
    throw redirect(`/personnes/${id}/espace?fait=ferme`);
  }
  const parsed = parseForm(form, spaceOpeningSchema);
  if (!parsed.ok) return formFailure(parsed.failure);
  const result = await openSpace(ctx, id, parsed.data);
  if (!result) throw notFound(PERSON_NOT_FOUND);
  if (!result.ok) return rejectForm(form, { [result.field]: result.message }, {}, result.field === 'formulaire' ? 409 : 400);
  throw redirect(`/personnes/${id}/espace?fait=ouvert`);
}

export default function EspacePersonnel() {
  const { person, open, card, franceConnect, identities, requests, closed, channels, done } = useLoaderData<typeof loader>();
  const { errors, values } = feedbackOf(useActionData<typeof action>());
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to={`/personnes/${person.id}`}>Fiche de {person.name}</Link>
      </p>
      <h1>Espace personnel de {person.name}</h1>
      <p>
        Dans son espace, la personne retrouve ce que vous faites ensemble, dans sa langue et en mots simples. Elle s'y connecte sans mot de
        passe, à l'adresse <strong>/mon-espace</strong>.
      </p>
      {done === 'ouvert' && <Notice kind="success" title="Espace ouvert. La personne peut se connecter." />}
      {done === 'ferme' && <Notice kind="success" title="Espace fermé. Ses sessions et ses codes ne valent plus." />}
      {done === 'carte_perdue' && (
        <Notice kind="success" title="Carte arrêtée (perdue). Elle ne permet plus d'entrer ; imprimez-en une nouvelle." />
      )}
      {done === 'carte_retiree' && <Notice kind="success" title="Carte retirée. Elle ne permet plus d'entrer." />}
      {done === 'franceconnect_confirme' && (
        <Notice kind="success" title="Identité confirmée : la personne entre maintenant dans son espace avec FranceConnect." />
      )}
      {done === 'franceconnect_refuse' && <Notice kind="success" title="Connexion refusée : cette identité FranceConnect n'entre pas." />}
      {done === 'sans_carte' && <Notice kind="info" title="Cette personne n'avait pas de carte valable : rien n'a changé." />}
      {errors.formulaire && <Notice kind="error" title={errors.formulaire} />}
      {open ? (
        <section aria-labelledby="espace-ouvert">
          <h2 id="espace-ouvert" className="fr-h4">
            Espace ouvert
          </h2>
          <p>
            {open.opened}. Connexion : {open.channel.toLowerCase()}.
          </p>
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="fermer" />
            <button type="submit" className="fr-btn fr-btn--secondary">
              Fermer l'espace
            </button>
          </Form>
          <h3 className="fr-h5 fr-mt-4w">Carte</h3>
          <p>{card?.text}</p>
          <p className="fr-text--sm">
            La carte porte un QR code sans rien de personnel ; le code secret est sur une lettre à part, montré une seule fois. Une nouvelle
            carte remplace la précédente.
          </p>
          {/* Un formulaire ordinaire : la réponse est le PDF à imprimer. */}
          <form method="post" action={`/personnes/${person.id}/espace/carte`}>
            <CsrfField />
            <button type="submit" name="intent" value="imprimer" className="fr-btn fr-mr-2w fr-mb-2w">
              {card?.valid ? 'Imprimer une nouvelle carte' : 'Imprimer une carte'}
            </button>
            {card?.valid && (
              <>
                <button type="submit" name="intent" value="perdue" className="fr-btn fr-btn--secondary fr-mr-2w fr-mb-2w">
                  Carte perdue
                </button>
                <button type="submit" name="intent" value="retiree" className="fr-btn fr-btn--tertiary fr-mb-2w">
                  Retirer la carte
                </button>
              </>
            )}
          </form>
          {(franceConnect || identities.length > 0) && (
            <>
              <h3 className="fr-h5 fr-mt-4w">FranceConnect</h3>
              {identities.length === 0 && (
                <p>La personne peut aussi entrer avec FranceConnect. La première fois, vous confirmerez ici que c'est bien elle.</p>
              )}
              {identities.map((identity) => (
                <div key={identity.id} className="fr-mb-2w">
                  <p>{identity.text}</p>
                  {identity.pending && (
                    <>
                      <p className="fr-text--sm">
                        Vérifiez devant la personne, avec une pièce d'identité, que c'est bien elle. Sinon, refusez : cette identité
                        n'entrera pas.
                      </p>
                      <Form method="post" noValidate>
                        <CsrfField />
                        <input type="hidden" name="intent" value="franceconnect" />
                        <input type="hidden" name="identite" value={identity.id} />
                        <button type="submit" name="decision" value="confirmer" className="fr-btn fr-mr-2w fr-mb-2w">
                          C'est bien la personne
                        </button>
                        <button type="submit" name="decision" value="refuser" className="fr-btn fr-btn--secondary fr-mb-2w">
                          Ce n'est pas elle
                        </button>
                      </Form>
                    </>
                  )}
                </div>
              ))}
            </>
          )}
        </section>
      ) : (
        <section aria-labelledby="ouvrir">
          <h2 id="ouvrir" className="fr-h4">
            Ouvrir son espace
          </h2>
          <ErrorSummary errors={errors} labels={{ consent: 'Accord de la personne', channel: 'Moyen de connexion' }} />
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="ouvrir" />
            <RadioGroup
              name="channel"
              legend="Comment la personne se connectera-t-elle ?"
              hint="Un code arrive sur son portable ou dans ses e-mails ; la carte se remet en main propre."
              inline={false}
              options={channels.map((channel) => ({
                value: channel.value,
                label: channel.problem ? `${channel.label} — fiche à compléter` : channel.label,
              }))}
              defaultValue={values.channel}
              error={errors.channel}
            />
            <div className={`fr-checkbox-group fr-mb-3w${errors.consent ? ' fr-checkbox-group--error' : ''}`}>
              <input
                type="checkbox"
                id="consent"
                name="consent"
                value="oui"
                defaultChecked={values.consent === 'oui'}
                aria-describedby={errors.consent ? 'consent-erreur' : undefined}
              />
              <label className="fr-label" htmlFor="consent">
                La personne veut un espace personnel : je le lui ai expliqué et elle est d'accord.
              </label>
              {errors.consent && (
                <p className="fr-message fr-message--error" id="consent-erreur">
                  {errors.consent}
                </p>
              )}
            </div>
            <button type="submit" className="fr-btn">
              Ouvrir l'espace
            </button>
          </Form>
        </section>
      )}
      {requests.length > 0 && (
        <section aria-labelledby="demandes">
          <h2 id="demandes" className="fr-h4 fr-mt-4w">
            Demandes de la personne
          </h2>
          <p className="fr-text--sm">Envoyées depuis son espace ; la réponse s'affiche dans « Mes données ».</p>
          {done === 'repondu' && <Notice kind="success" title="Réponse enregistrée : la personne la lit dans son espace." />}
          {requests.map((request) => (
            <div key={request.id} className="fr-card fr-p-3w fr-mb-2w">
              <h3 className="fr-h6">{request.title}</h3>
              {request.message && <p>« {request.message} »</p>}
              {request.answer ? (
                <p>{request.answer}</p>
              ) : (
                <>
                  <p className={request.late ? 'fr-error-text' : undefined}>
                    {request.due}
                    {request.late ? ' : le délai est dépassé.' : '.'}
                  </p>
                  <Form method="post" noValidate>
                    <CsrfField />
                    <input type="hidden" name="intent" value="repondre" />
                    <input type="hidden" name="demande" value={request.id} />
                    <TextAreaField name="reponse" id={`reponse-${request.id}`} label="Votre réponse à la personne" error={errors.reponse} />
                    <button type="submit" className="fr-btn fr-btn--secondary">
                      Répondre
                    </button>
                  </Form>
                </>
              )}
            </div>
          ))}
        </section>
      )}
      {closed.length > 0 && (
        <section aria-labelledby="precedents">
          <h2 id="precedents" className="fr-h5 fr-mt-4w">
            Espaces précédents
          </h2>
          <ul>
            {closed.map((space, index) => (
              <li key={index}>
                {space.opened}, {space.closed}.
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
