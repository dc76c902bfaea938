import { data, Form, redirect, useActionData, useNavigation, useSearchParams } from 'react-router';
import type { Route } from './+types/connexion';
import { signInSchema, safeReturnPath } from '../rules';
import { signIn } from '../sign-in.server';
import { allowPublic, currentSession, pendingStep, servicesOf } from '../../../platform/authorize.server';
import { sessionCookie } from '../../../platform/cookies.server';
import { formFailure, formValues, parseForm } from '../../../platform/forms.server';
import { CsrfField, ErrorSummary, TextField, feedbackOf } from '../../../ui/form';
import { SIGN_IN_ERRORS } from '../errors';
import { CLIENT_IP_HEADER } from '../../../platform/log';

export const meta: Route.MetaFunction = () => [{ title: 'Connexion — Relais' }];

export async function loader(args: Route.LoaderArgs) {
  allowPublic(args);
  const session = await currentSession(args);
  if (session) throw redirect(pendingStep(session) ?? '/');
  return null;
}

export async function action(args: Route.ActionArgs) {
  const scope = allowPublic(args);
  const form = await args.request.formData();
  const parsed = parseForm(form, signInSchema);
  if (!parsed.ok) return formFailure(parsed.failure);
  const services = servicesOf(args.context);
  const result = await signIn(scope, parsed.data.email, parsed.data.password, args.request.headers.get(CLIENT_IP_HEADER) ?? '');
  if (!result.ok)
    return data(
      { errors: { formulaire: SIGN_IN_ERRORS[result.error] }, values: formValues(form) },
      { status: result.error === 'verrouille' ? 429 : 401 },
    );
  const back = safeReturnPath(new URL(args.request.url).searchParams.get('retour'));
  const cookie = await sessionCookie(services.config.secureCookies).serialize(result.token);
  // Le second facteur et le choix de structure sont vérifiés par la page suivante.
  return redirect(back, { headers: { 'Set-Cookie': cookie } });
}

export default function Connexion() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const { errors } = feedbackOf(result);
  return (
    <div className="fr-container fr-my-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Connexion à Relais</h1>
          <p>Espace réservé aux agents des structures et aux partenaires.</p>
          {params.get('fin') === 'deconnexion' && (
            <div className="fr-alert fr-alert--success fr-mb-3w" role="status">
              <p>Vous êtes déconnecté(e).</p>
            </div>
          )}
          {params.get('fin') === 'mot-de-passe' && (
            <div className="fr-alert fr-alert--success fr-mb-3w" role="status">
              <p>Votre mot de passe est enregistré. Connectez-vous avec lui.</p>
            </div>
          )}
          {errors?.formulaire && (
            <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
              <p>{errors.formulaire}</p>
            </div>
          )}
          <ErrorSummary
            errors={{ email: errors?.email, password: errors?.password }}
            labels={{ email: 'Adresse e-mail', password: 'Mot de passe' }}
          />
          <Form method="post" noValidate>
            <CsrfField />
            <fieldset className="fr-fieldset">
              <legend className="fr-fieldset__legend">Vos identifiants</legend>
              <div className="fr-fieldset__element">
                <TextField
                  name="email"
                  label="Adresse e-mail"
                  hint="Format attendu : prenom.nom@exemple.fr"
                  type="email"
                  autoComplete="username"
                  spellCheck={false}
                  required
                  autoFocus
                  defaultValue={result?.values?.email}
                  error={errors?.email}
                />
              </div>
              <div className="fr-fieldset__element">
                <TextField
                  name="password"
                  label="Mot de passe"
                  type="password"
                  autoComplete="current-password"
                  required
                  error={errors?.password}
                />
              </div>
            </fieldset>
            <p>
              <a className="fr-link" href="/mot-de-passe-oublie">
                Mot de passe oublié ?
              </a>
            </p>
            <button className="fr-btn" type="submit" disabled={navigation.state === 'submitting'}>
              Se connecter
            </button>
          </Form>
        </div>
      </div>
    </div>
  );
}
