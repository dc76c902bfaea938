import { Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/personnes.$id.modifier';
import { personSchema } from '../rules';
import { readPerson, updatePerson } from '../update-person.server';
import { ACCOUNT_KINDS, PREFERRED_CONTACTS, TRISTATE } from '../vocabulary';
import { PERSON_NOT_FOUND } from '../errors';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';
import { formFailure, parseForm, rejectForm } from '../../../platform/forms.server';
import { CsrfField, ErrorSummary, optionsOf, RadioGroup, TextField, feedbackOf } from '../../../ui/form';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { ofName } from '../../../platform/text';

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `Modifier la fiche ${ofName(data?.values.firstName ?? 'la personne')} — Relais` },
];

const LABELS: Record<string, string> = {
  firstName: 'Prénom',
  lastName: 'Nom',
  birthYear: 'Année de naissance',
  phone: 'Téléphone',
  email: 'Adresse e-mail',
  preferredContact: 'Contact préféré',
  languages: 'Langues parlées',
  hasEmail: 'A une adresse e-mail',
  postalCode: 'Code postal',
  commune: 'Commune',
};

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'personnes.consulter');
  const id = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const p = await readPerson(ctx, id);
  if (!p) throw notFound(PERSON_NOT_FOUND);
  const values: Record<string, string> = {
    firstName: p.firstName,
    lastName: p.lastName ?? '',
    birthYear: p.birthYear ? String(p.birthYear) : '',
    phone: p.phone ?? '',
    email: p.email ?? '',
    preferredContact: p.preferredContact ?? '',
    languages: p.languages.join(', '),
    hasEmail: p.hasEmail,
    postalCode: p.postalCode ?? '',
    commune: p.communeName ?? '',
    ...Object.fromEntries(Object.keys(ACCOUNT_KINDS).map((kind) => [`compte_${kind}`, p.accounts[kind] ?? 'inconnu'])),
  };
  return { id: p.id, values };
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'personnes.consulter');
  const services = servicesOf(args.context);
  const id = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const form = await args.request.formData();
  const parsed = parseForm(form, personSchema(services.now()));
  if (!parsed.ok) return formFailure(parsed.failure);
  const result = await updatePerson(ctx, id, parsed.data);
  if (!result.ok && result.error === 'commune') return rejectForm(form, { [result.field]: result.message });
  if (!result.ok) throw notFound(PERSON_NOT_FOUND);
  throw redirect(`/personnes/${id}`);
}

export default function ModifierPersonne() {
  const { id, values: saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = feedbackOf(result).errors;
  const values = { ...saved, ...feedbackOf(result).values };
  return (
    <div className="fr-container fr-my-6w">
      <h1>Modifier la fiche</h1>
      <p>Ne notez que ce qui sert à accompagner la personne. Jamais d'identifiant ni de mot de passe de ses comptes.</p>
      <ErrorSummary errors={errors} labels={LABELS} />
      <Form method="post" noValidate>
        <CsrfField />
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Identité</legend>
          <div className="fr-fieldset__element">
            <TextField
              name="firstName"
              label={LABELS.firstName!}
              required
              autoComplete="off"
              defaultValue={values.firstName}
              error={errors.firstName}
            />
          </div>
          <div className="fr-fieldset__element">
            <TextField name="lastName" label={LABELS.lastName!} autoComplete="off" defaultValue={values.lastName} error={errors.lastName} />
          </div>
          <div className="fr-fieldset__element">
            <TextField
              name="birthYear"
              label={LABELS.birthYear!}
              hint="4 chiffres"
              inputMode="numeric"
              defaultValue={values.birthYear}
              error={errors.birthYear}
            />
          </div>
        </fieldset>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Contact</legend>
          <div className="fr-fieldset__element">
            <TextField name="phone" label={LABELS.phone!} type="tel" autoComplete="off" defaultValue={values.phone} error={errors.phone} />
          </div>
          <div className="fr-fieldset__element">
            <TextField
              name="email"
              label={LABELS.email!}
              type="email"
              autoComplete="off"
              defaultValue={values.email}
              error={errors.email}
            />
          </div>
          <div className="fr-fieldset__element">
            <RadioGroup name="hasEmail" legend={LABELS.hasEmail!} options={optionsOf(TRISTATE)} defaultValue={values.hasEmail} />
          </div>
          <div className="fr-fieldset__element">
            <RadioGroup
              name="preferredContact"
              legend={LABELS.preferredContact!}
              options={optionsOf(PREFERRED_CONTACTS)}
              defaultValue={values.preferredContact}
              error={errors.preferredContact}
            />
          </div>
          <div className="fr-fieldset__element">
            <TextField
              name="languages"
              label={LABELS.languages!}
              hint="Séparées par des virgules, par exemple « français, arabe »"
              autoComplete="off"
              defaultValue={values.languages}
              error={errors.languages}
            />
          </div>
          <div className="fr-fieldset__element">
            <TextField
              name="postalCode"
              label={LABELS.postalCode!}
              inputMode="numeric"
              autoComplete="off"
              defaultValue={values.postalCode}
              error={errors.postalCode}
            />
          </div>
          <div className="fr-fieldset__element">
            <TextField
              name="commune"
              label={LABELS.commune!}
              hint="Facultatif si le code postal ne couvre qu'une commune"
              autoComplete="off"
              defaultValue={values.commune}
              error={errors.commune}
            />
          </div>
        </fieldset>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Comptes en ligne détenus (jamais leurs identifiants)</legend>
          {Object.entries(ACCOUNT_KINDS).map(([kind, label]) => (
            <div className="fr-fieldset__element" key={kind}>
              <RadioGroup name={`compte_${kind}`} legend={label} options={optionsOf(TRISTATE)} defaultValue={values[`compte_${kind}`]} />
            </div>
          ))}
        </fieldset>
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button className="fr-btn" type="submit">
              Enregistrer la fiche
            </button>
          </li>
          <li>
            <Link className="fr-btn fr-btn--secondary" to={`/personnes/${id}`}>
              Annuler
            </Link>
          </li>
        </ul>
      </Form>
    </div>
  );
}
