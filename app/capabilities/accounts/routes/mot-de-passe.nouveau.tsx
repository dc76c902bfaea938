import { data, Form, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/mot-de-passe.nouveau';
import { findResetAccount, resetPassword } from '../password-reset.server';
import { newPasswordSchema, passwordProblem } from '../rules';
import { allowPublic } from '../../../platform/authorize.server';
import { feedback, formFailure, parseForm } from '../../../platform/forms.server';
import { CsrfField, ErrorSummary, TextField, feedbackOf } from '../../../ui/form';

export const meta: Route.MetaFunction = () => [{ title: 'Choisir un mot de passe — Relais' }];

export async function loader(args: Route.LoaderArgs) {
  const scope = allowPublic(args);
  const token = new URL(args.request.url).searchParams.get('jeton') ?? '';
  const account = token ? await findResetAccount(scope, token) : null;
  return { token, account };
}

export async function action(args: Route.ActionArgs) {
  const scope = allowPublic(args);
  const form = await args.request.formData();
  const token = String(form.get('jeton') ?? '');
  const account = token ? await findResetAccount(scope, token) : null;
  if (!account) return data(feedback({ formulaire: 'Ce lien a expiré ou a déjà servi.' }), { status: 400 });
  const parsed = parseForm(form, newPasswordSchema);
  if (!parsed.ok) return formFailure(parsed.failure);
  const problem = passwordProblem(parsed.data.password, account.email);
  if (problem) return data(feedback({ password: problem }), { status: 400 });
  const result = await resetPassword(scope, token, parsed.data.password);
  if (!result.ok) return data(feedback({ formulaire: 'Ce lien a expiré ou a déjà servi.' }), { status: 400 });
  throw redirect('/connexion?fin=mot-de-passe');
}

export default function NouveauMotDePasse() {
  const { token, account } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { errors } = feedbackOf(result);
  if (!account)
    return (
      <div className="fr-container fr-my-6w">
        <h1>Lien expiré</h1>
        <p>Ce lien a expiré ou a déjà servi. Demandez-en un nouveau.</p>
        <a className="fr-btn" href="/mot-de-passe-oublie">
          Demander un nouveau lien
        </a>
      </div>
    );
  return (
    <div className="fr-container fr-my-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Choisir un mot de passe</h1>
          <p>Compte : {account.email}</p>
          {errors?.formulaire && (
            <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
              <p>{errors.formulaire}</p>
            </div>
          )}
          <ErrorSummary
            errors={{ password: errors?.password, confirmation: errors?.confirmation }}
            labels={{ password: 'Nouveau mot de passe', confirmation: 'Confirmation' }}
          />
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="jeton" value={token} />
            <input type="hidden" name="email" value={account.email} autoComplete="username" />
            <TextField
              name="password"
              label="Nouveau mot de passe"
              hint="12 caractères au moins. Une phrase facile à retenir pour vous convient très bien."
              type="password"
              autoComplete="new-password"
              required
              error={errors?.password}
            />
            <TextField
              name="confirmation"
              label="Confirmation"
              type="password"
              autoComplete="new-password"
              required
              error={errors?.confirmation}
            />
            <button className="fr-btn" type="submit">
              Enregistrer le mot de passe
            </button>
          </Form>
        </div>
      </div>
    </div>
  );
}
