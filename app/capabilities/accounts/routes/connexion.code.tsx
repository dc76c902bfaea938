import { data, Form, redirect, useActionData } from 'react-router';
import type { Route } from './+types/connexion.code';
import { totpSchema } from '../rules';
import { verifySecondFactor } from '../second-factor.server';
import { pendingStep, requireSessionInProgress } from '../../../platform/authorize.server';
import { feedback, formFailure, parseForm } from '../../../platform/forms.server';
import { TotpCodeField } from '../ui/totp-code-field';
import { CsrfField } from '../../../ui/form';
import { SECOND_FACTOR_ERRORS } from '../errors';

export const meta: Route.MetaFunction = () => [{ title: 'Code de vérification — Relais' }];

export async function loader(args: Route.LoaderArgs) {
  const { session: state } = await requireSessionInProgress(args);
  if (state.secondFactorDone) throw redirect(pendingStep(state) ?? '/');
  if (!state.user.totpEnabled) throw redirect('/compte/double-authentification');
  return null;
}

export async function action(args: Route.ActionArgs) {
  const { session: state, ...scope } = await requireSessionInProgress(args);
  const form = await args.request.formData();
  const parsed = parseForm(form, totpSchema);
  if (!parsed.ok) return formFailure(parsed.failure);
  const result = await verifySecondFactor(scope, state, parsed.data.code, 'connexion');
  if (!result.ok)
    return data(feedback({ code: SECOND_FACTOR_ERRORS[result.error] }), { status: result.error === 'verrouille' ? 429 : 400 });
  throw redirect(state.active ? '/' : '/structure');
}

export default function ConnexionCode() {
  const result = useActionData<typeof action>();
  return (
    <div className="fr-container fr-my-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Code de vérification</h1>
          <p>Ouvrez votre application d'authentification et saisissez le code à 6 chiffres affiché pour Relais.</p>
          <Form method="post" noValidate>
            <CsrfField />
            <TotpCodeField error={result?.errors?.code} autoFocus />
            <button className="fr-btn" type="submit">
              Vérifier
            </button>
          </Form>
        </div>
      </div>
    </div>
  );
}
