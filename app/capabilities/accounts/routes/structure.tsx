import { data, Form, redirect, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/structure';
import { chooseStructure } from '../session.server';
import { answerInvitation, invitationsFor, type ReceivedInvitation } from '../invitations.server';
import { requireSessionInProgress } from '../../../platform/authorize.server';
import { ROLE_LABELS } from '../../../platform/policies';
import { feedback, formFailure, parseForm } from '../../../platform/forms.server';
import { CsrfField, Notice } from '../../../ui/form';

export const meta: Route.MetaFunction = () => [{ title: 'Choisir la structure — Relais' }];

export async function loader(args: Route.LoaderArgs) {
  const { session: state, ...scope } = await requireSessionInProgress(args);
  if (!state.secondFactorDone) throw redirect('/connexion/code');
  const invitations = await invitationsFor(scope, state);
  // Une seule structure : pas de choix à faire (une invitation reçue s'annonce sur le tableau de bord).
  if (state.memberships.length === 1 && !state.active) {
    await chooseStructure(scope, state, state.memberships[0]!.structureId);
    throw redirect('/');
  }
  return { memberships: state.memberships, activeId: state.active?.structureId ?? null, invitations };
}

export async function action(args: Route.ActionArgs) {
  const { session: state, ...scope } = await requireSessionInProgress(args);
  if (!state.secondFactorDone) throw redirect('/connexion/code');
  const form = await args.request.formData();
  if (form.get('intent') === 'invitation') {
    const answer = parseForm(form, invitationAnswerSchema);
    if (!answer.ok) return formFailure(answer.failure);
    const result = await answerInvitation(scope, state, answer.data.invitationId, answer.data.answer);
    if (!result.ok) return data(feedback({ invitation: 'Cette invitation n’est plus en attente.' }), { status: 400 });
    throw redirect('/structure');
  }
  const parsed = parseForm(form, z.object({ structure: z.uuid({ error: 'Choisissez une structure.' }) }));
  if (!parsed.ok) return formFailure(parsed.failure);
  const result = await chooseStructure(scope, state, parsed.data.structure);
  if (!result.ok) return data(feedback({ structure: 'Vous ne faites pas partie de cette structure.' }), { status: 400 });
  throw redirect('/');
}

const invitationAnswerSchema = z.object({
  invitationId: z.uuid({ error: 'Invitation inconnue.' }),
  answer: z.enum(['accepter', 'refuser'], { error: 'Réponse inconnue.' }),
});

export default function ChoisirStructure() {
  const { memberships, activeId, invitations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const error = result?.errors?.structure;
  const received = (
    <ReceivedInvitations
      invitations={invitations}
      error={result?.errors?.invitation ?? result?.errors?.invitationId ?? result?.errors?.answer}
    />
  );
  if (memberships.length === 0)
    return (
      <div className="fr-container fr-my-6w">
        <h1>{invitations.length > 0 ? 'Invitations reçues' : 'Aucune structure active'}</h1>
        {invitations.length === 0 && (
          <p>
            Votre compte n'est rattaché à aucune structure, ou votre accès a été désactivé. Contactez l'administrateur de votre structure.
          </p>
        )}
        {received}
      </div>
    );
  return (
    <div className="fr-container fr-my-6w">
      <h1>Choisir la structure</h1>
      {received}
      <Form method="post" noValidate>
        <CsrfField />
        <fieldset
          className={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
          aria-labelledby="structure-legende"
          {...(error ? { 'aria-describedby': 'structure-erreur' } : {})}
        >
          <legend className="fr-fieldset__legend" id="structure-legende">
            {memberships.length > 1
              ? 'Vous travaillez pour plusieurs structures. Pour laquelle travaillez-vous maintenant ?'
              : 'Votre structure'}
          </legend>
          {memberships.map((m, index) => (
            <div className="fr-fieldset__element" key={m.structureId}>
              <div className="fr-radio-group">
                <input
                  type="radio"
                  id={index === 0 ? 'structure' : `structure-${m.structureSlug}`}
                  name="structure"
                  value={m.structureId}
                  defaultChecked={m.structureId === activeId}
                />
                <label className="fr-label" htmlFor={index === 0 ? 'structure' : `structure-${m.structureSlug}`}>
                  {m.structureName}
                  <span className="fr-hint-text">{ROLE_LABELS[m.role]}</span>
                </label>
              </div>
            </div>
          ))}
          {error && (
            <div className="fr-messages-group" id="structure-erreur" aria-live="polite">
              <p className="fr-message fr-message--error">{error}</p>
            </div>
          )}
        </fieldset>
        <button className="fr-btn" type="submit">
          Continuer
        </button>
      </Form>
    </div>
  );
}

function ReceivedInvitations({ invitations, error }: { invitations: ReceivedInvitation[]; error?: string | undefined }) {
  if (invitations.length === 0) return null;
  return (
    <section className="fr-mb-4w" aria-labelledby="invitations-titre">
      <h2 id="invitations-titre" className="fr-h4">
        {invitations.length === 1 ? 'Une structure vous invite' : `${invitations.length} structures vous invitent`}
      </h2>
      {error && <Notice kind="error" title={error} />}
      <ul className="fr-raw-list">
        {invitations.map((invitation) => (
          <li key={invitation.id} className="fr-mb-2w">
            <p className="fr-mb-1w">
              <strong>{invitation.structureName}</strong> vous invite à rejoindre son équipe en tant que {ROLE_LABELS[invitation.role]}.
            </p>
            {(['accepter', 'refuser'] as const).map((answer) => (
              <Form method="post" className="relais-inline-form fr-mr-2w" key={answer}>
                <CsrfField />
                <input type="hidden" name="intent" value="invitation" />
                <input type="hidden" name="invitationId" value={invitation.id} />
                <input type="hidden" name="answer" value={answer} />
                <button className={`fr-btn fr-btn--sm${answer === 'refuser' ? ' fr-btn--secondary' : ''}`} type="submit">
                  {answer === 'accepter' ? 'Accepter' : 'Refuser'}
                  <span className="fr-sr-only"> l'invitation de {invitation.structureName}</span>
                </button>
              </Form>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
