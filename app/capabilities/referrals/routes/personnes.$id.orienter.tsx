import { useEffect, useState } from 'react';
import { data, Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/personnes.$id.orienter';
import { createReferral, referralChoices } from '../referrals.server';
import { CONSENT_CHOICES, referralSchema } from '../rules';
import { CHANNELS } from '../vocabulary';
import { PERSON_NOT_FOUND } from '../../reception/errors';
import { requireAgent } from '../../../platform/authorize.server';
import { formFailure, formValues, parseForm } from '../../../platform/forms.server';
import {
  CheckboxGroup,
  CsrfField,
  ErrorSummary,
  optionsOf,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
  feedbackOf,
} from '../../../ui/form';
import { notFound, requireIdParam } from '../../../platform/http.server';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Orienter ${data?.person.label ?? 'la personne'} — Relais` }];

const LABELS = {
  placeId: 'Lieu',
  service: 'Service du lieu',
  reason: 'Motif',
  toBring: 'Ce qu’il faut apporter',
  channel: 'Comment la personne y va',
  appointmentAt: 'Rendez-vous',
  consent: 'Accord de la personne',
  sendSlip: 'Envoyer aussi la fiche',
};

async function choicesOf(args: Route.LoaderArgs | Route.ActionArgs, ctx: Parameters<typeof referralChoices>[0]) {
  const id = requireIdParam(args.params.id, PERSON_NOT_FOUND);
  const choices = await referralChoices(ctx, id);
  if (!choices) throw notFound(PERSON_NOT_FOUND);
  return choices;
}

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'orientations.envoyer');
  const choices = await choicesOf(args, ctx);
  const lieu = new URL(args.request.url).searchParams.get('lieu');
  return { ...choices, values: { placeId: lieu ?? '', channel: 'seule' } };
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'orientations.envoyer');
  const choices = await choicesOf(args, ctx);
  const form = await args.request.formData();
  const place = choices.places.find((p) => p.id === form.get('placeId'));
  const parsed = parseForm(form, referralSchema(place?.services ?? null));
  if (!parsed.ok) return formFailure(parsed.failure);
  const sent = await createReferral(ctx, choices.person.id, parsed.data);
  if (!sent.ok && sent.error === 'lieu_introuvable')
    return data(
      { errors: { placeId: "Ce lieu n'est plus dans l'annuaire : choisissez-en un autre." }, values: formValues(form) },
      { status: 400 },
    );
  if (!sent.ok) throw notFound(PERSON_NOT_FOUND);
  throw redirect(`/orientations/${sent.id}?envoyee=1`);
}

export default function Orienter() {
  const { person, places, values: initial } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = feedbackOf(result).errors;
  const values = feedbackOf(result, initial).values;
  // Les services offerts sont ceux du lieu choisi : relus au choix du lieu avec JavaScript, à la réponse sans.
  const [placeId, setPlaceId] = useState(values.placeId ?? '');
  useEffect(() => setPlaceId(values.placeId ?? ''), [values.placeId]);
  const services = places.find((p) => p.id === placeId)?.services ?? [];
  const options = places.map((p) => ({
    value: p.id,
    label: `${p.name} — ${p.city}${p.partnerName ? ' · partenaire sur Relais' : p.hasEmail ? ' · prévenu par e-mail' : ''}`,
  }));
  const slipChannels = [
    ...(person.email ? [{ value: 'email', label: `Par e-mail à ${person.email}` }] : []),
    ...(person.phone ? [{ value: 'sms', label: `Par SMS au ${person.phone}` }] : []),
  ];
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to={`/personnes/${person.id}`}>Fiche de {person.label}</Link>
      </p>
      <h1>Orienter {person.label}</h1>
      <p>
        Choisissez le lieu avec la personne. Elle repart avec une fiche imprimée (adresse, horaires, ce qu'il faut apporter). Vous pouvez{' '}
        <Link to={`/lieux?pour=${person.id}`}>chercher dans l'annuaire</Link> le lieu qui lui convient.
      </p>
      <ErrorSummary errors={errors} labels={LABELS} />
      <Form method="post" noValidate>
        <CsrfField />
        <SelectField
          name="placeId"
          label={LABELS.placeId}
          options={options}
          placeholder="— Choisir le lieu —"
          required
          defaultValue={values.placeId}
          error={errors.placeId}
          onChange={(event) => setPlaceId(event.currentTarget.value)}
        />
        <SelectField
          key={placeId}
          name="service"
          label={LABELS.service}
          hint={
            placeId
              ? `Facultatif. Ce lieu propose : ${services.join(' ; ') || 'aucun service renseigné'}.`
              : 'Facultatif. Choisissez d’abord le lieu : ses services seuls sont proposés.'
          }
          options={services.map((service) => ({ value: service, label: service }))}
          placeholder="— Sans préciser —"
          defaultValue={values.service}
          error={errors.service}
        />
        <TextAreaField
          name="reason"
          label={LABELS.reason}
          hint="Ce que la personne vient y faire, en mots simples. Jamais de mot de passe ni d'identifiant."
          defaultValue={values.reason}
          error={errors.reason}
        />
        <TextAreaField
          name="toBring"
          label={LABELS.toBring}
          hint="Documents, appareil… (facultatif)"
          defaultValue={values.toBring}
          error={errors.toBring}
        />
        <RadioGroup
          name="channel"
          legend={LABELS.channel}
          options={optionsOf(CHANNELS)}
          defaultValue={values.channel}
          error={errors.channel}
          inline={false}
        />
        <TextField
          name="appointmentAt"
          label="Date et heure du rendez-vous"
          hint="Si un rendez-vous est pris pour elle"
          type="datetime-local"
          defaultValue={values.appointmentAt}
          error={errors.appointmentAt}
        />
        <RadioGroup
          name="consent"
          legend={`${LABELS.consent} : ${person.label} accepte-t-elle que le lieu soit prévenu ?`}
          hint={`Partenaire sur Relais : il le reçoit dans Relais. Autre lieu : il reçoit un lien personnel, valable 30 jours, par e-mail s'il en a un (sinon vous le lui transmettez). Il voit son nom, ${person.hasContact ? 'son contact' : 'son contact s’il est connu'} et le motif, rien d'autre.`}
          options={optionsOf(CONSENT_CHOICES)}
          defaultValue={values.consent}
          error={errors.consent}
          inline={false}
        />
        {slipChannels.length > 0 ? (
          <CheckboxGroup
            name="sendSlip"
            legend={LABELS.sendSlip}
            hint="Facultatif : en plus de la fiche imprimée, si la personne le souhaite."
            options={slipChannels}
            defaultValues={values.sendSlip ? values.sendSlip.split(',') : []}
            error={errors.sendSlip}
            inline={false}
          />
        ) : (
          <p className="fr-hint-text">Ni e-mail ni téléphone dans sa fiche : la fiche lui est remise imprimée.</p>
        )}
        <button className="fr-btn" type="submit">
          Orienter la personne
        </button>
      </Form>
    </div>
  );
}
