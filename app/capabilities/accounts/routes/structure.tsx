import { data, Form, redirect, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/structure';
import { chooseStructure } from '../session.server';
import { requireSessionInProgress } from '../../../platform/authorize.server';
import { ROLE_LABELS } from '../../../platform/policies';
import { feedback, formFailure, parseForm } from '../../../platform/forms.server';
import { CsrfField } from '../../../ui/form';

export const meta: Route.MetaFunction = () => [{ title: 'Choisir la structure — Relais' }];

export async function loader(args: Route.LoaderArgs) {
  const { session: state, ...scope } = await requireSessionInProgress(args);
  if (!state.secondFactorDone) throw redirect('/connexion/code');
  // Une seule structure : pas de choix à faire.
  if (state.memberships.length === 1 && !state.active) {
    await chooseStructure(scope, state, state.memberships[0]!.structureId);
    throw redirect('/');
  }
  return { memberships: state.memberships, activeId: state.active?.structureId ?? null };
}

export async function action(args: Route.ActionArgs) {
  const { session: state, ...scope } = await requireSessionInProgress(args);
  if (!state.secondFactorDone) throw redirect('/connexion/code');
  const parsed = parseForm(await args.request.formData(), z.object({ structure: z.uuid({ error: 'Choisissez une structure.' }) }));
  if (!parsed.ok) return formFailure(parsed.failure);
  const result = await chooseStructure(scope, state, parsed.data.structure);
  if (!result.ok) return data(feedback({ structure: 'Vous ne faites pas partie de cette structure.' }), { status: 400 });
  throw redirect('/');
}

export default function ChoisirStructure() {
  const { memberships, activeId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const error = result?.errors?.structure;
  if (memberships.length === 0)
    return (
      <div className="fr-container fr-my-6w">
        <h1>Aucune structure active</h1>
        <p>
          Votre compte n'est rattaché à aucune structure, ou votre accès a été désactivé. Contactez l'administrateur de votre structure.
        </p>
      </div>
    );
  return (
    <div className="fr-container fr-my-6w">
      <h1>Choisir la structure</h1>
      <Form method="post" noValidate>
        <CsrfField />
        <fieldset
          className={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
          aria-labelledby="structure-legende"
          {...(error ? { 'aria-describedby': 'structure-erreur' } : {})}
        >
          <legend className="fr-fieldset__legend" id="structure-legende">
            Vous travaillez pour plusieurs structures. Pour laquelle travaillez-vous maintenant ?
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
