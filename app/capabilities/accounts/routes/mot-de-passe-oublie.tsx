import { Form, useActionData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/mot-de-passe-oublie';
import { requestPasswordReset } from '../password-reset.server';
import { emailField } from '../rules';
import { allowPublic } from '../../../platform/authorize.server';
import { feedback, formFailure, parseForm } from '../../../platform/forms.server';
import { CsrfField, Notice, TextField } from '../../../ui/form';

export const meta: Route.MetaFunction = () => [{ title: 'Mot de passe oublié — Relais' }];

export function loader(args: Route.LoaderArgs) {
  allowPublic(args);
  return null;
}

export async function action(args: Route.ActionArgs) {
  const scope = allowPublic(args);
  const form = await args.request.formData();
  const parsed = parseForm(form, z.object({ email: emailField }));
  if (!parsed.ok) return formFailure(parsed.failure, { sent: false });
  await requestPasswordReset(scope, parsed.data.email);
  return feedback({}, {}, { sent: true });
}

export default function MotDePasseOublie() {
  const result = useActionData<typeof action>();
  return (
    <div className="fr-container fr-my-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Mot de passe oublié</h1>
          {result?.sent ? (
            <Notice kind="success" title="Demande enregistrée">
              Si un compte existe pour cette adresse, un e-mail part dans la minute, avec un lien valable une heure. Pensez à regarder dans
              les courriers indésirables.
            </Notice>
          ) : (
            <p>Indiquez l'adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.</p>
          )}
          <Form method="post" noValidate>
            <CsrfField />
            <TextField
              name="email"
              label="Adresse e-mail"
              hint="Format attendu : prenom.nom@exemple.fr"
              type="email"
              autoComplete="username"
              required
              defaultValue={result?.values?.email}
              error={result?.errors?.email}
            />
            <button className="fr-btn" type="submit">
              Recevoir le lien
            </button>
          </Form>
          <p className="fr-mt-3w">
            <a className="fr-link" href="/connexion">
              Revenir à la connexion
            </a>
          </p>
        </div>
      </div>
    </div>
  );
}
