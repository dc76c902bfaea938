import { data, Form, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/compte.double-authentification';
import { totpSchema } from '../rules';
import { startEnrolment, verifySecondFactor } from '../second-factor.server';
import { pendingStep, requireSessionInProgress } from '../../../platform/authorize.server';
import { feedback, formFailure, parseForm } from '../../../platform/forms.server';
import { TotpCodeField } from '../ui/totp-code-field';
import { CsrfField } from '../../../ui/form';
import { ENROLMENT_ERRORS } from '../errors';

export const meta: Route.MetaFunction = () => [{ title: 'Activer la double authentification — Relais' }];

export async function loader(args: Route.LoaderArgs) {
  const { session: state, ...scope } = await requireSessionInProgress(args);
  // L'enrôlement se fait pendant la connexion, avant tout accès aux données.
  if (state.user.totpEnabled) throw redirect(pendingStep(state) ?? '/');
  const { dataUrl, secret } = await startEnrolment(scope, state);
  return { dataUrl, secret: secret.replace(/(.{4})/g, '$1 ').trim() };
}

export async function action(args: Route.ActionArgs) {
  const { session: state, ...scope } = await requireSessionInProgress(args);
  const form = await args.request.formData();
  const parsed = parseForm(form, totpSchema);
  if (!parsed.ok) return formFailure(parsed.failure);
  const result = await verifySecondFactor(scope, state, parsed.data.code, 'enrolement');
  if (!result.ok) return data(feedback({ code: ENROLMENT_ERRORS[result.error] }), { status: result.error === 'verrouille' ? 429 : 400 });
  throw redirect(state.active ? '/' : '/structure');
}

export default function DoubleAuthentification() {
  const { dataUrl, secret } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Activer la double authentification</h1>
      <p>Relais donne accès à des données personnelles : un code à usage unique est demandé à chaque connexion, en plus du mot de passe.</p>
      <ol>
        <li>Installez une application d'authentification (par exemple FreeOTP, Aegis ou celle de votre téléphone).</li>
        <li>Scannez ce QR code avec l'application, ou saisissez la clé à la main.</li>
        <li>Saisissez le code à 6 chiffres qu'elle affiche.</li>
      </ol>
      <p className="relais-qr">
        <img src={dataUrl} width={220} height={220} alt="QR code à scanner avec votre application d'authentification" />
      </p>
      <p>
        Clé à saisir à la main : <code>{secret}</code>
      </p>
      <Form method="post" noValidate>
        <CsrfField />
        <TotpCodeField error={result?.errors?.code} />
        <button className="fr-btn" type="submit">
          Activer
        </button>
      </Form>
    </div>
  );
}
