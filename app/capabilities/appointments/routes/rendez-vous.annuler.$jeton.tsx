// La personne annule son rendez-vous avec le lien reçu (e-mail ou SMS), sans compte, jusqu'à 4 heures avant. En mots
// simples : le rendez-vous, un bouton ; un lien trop tard, déjà utilisé ou abîmé le dit, avec le numéro à appeler.
import { data, Form, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/rendez-vous.annuler.$jeton';
import { allowPublic } from '../../../platform/authorize.server';
import { dateFormat } from '../../../platform/time';
import { CsrfField, Notice } from '../../../ui/form';
import { appointmentByLink, cancelByLink, type LinkedAppointment } from '../notifications.server';

export const meta: Route.MetaFunction = () => [{ title: 'Annuler mon rendez-vous — Relais' }, { name: 'robots', content: 'noindex' }];

const when = dateFormat({ weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });

const INVALID = 'Ce lien ne marche pas. Vérifiez qu’il est copié en entier, ou appelez le service pour annuler.';
const callUs = (phone: string | null) => (phone ? ` Appelez le ${phone}.` : ' Appelez le service.');

function refusal(found: Extract<LinkedAppointment, { ok: false }>) {
  if (found.reason === 'expire')
    return data(
      { message: `Il est trop tard pour annuler par internet : le rendez-vous est dans moins de 4 heures.${callUs(found.sitePhone)}` },
      { status: 410 },
    );
  return data({ message: INVALID }, { status: 404 });
}

export async function loader(args: Route.LoaderArgs) {
  const { tx, services, now } = allowPublic(args);
  const found = await appointmentByLink(tx, services, args.params.jeton, now);
  if (!found.ok) throw refusal(found);
  return {
    motif: found.motifName,
    when: when.format(found.startsAt),
    site: found.siteName,
    structure: found.structureName,
    status: found.status,
    phone: found.sitePhone,
  };
}

export async function action(args: Route.ActionArgs) {
  const { tx, services, now } = allowPublic(args);
  if ((await args.request.formData()).get('confirmer') !== 'oui')
    return data({ done: false, problem: 'Le formulaire est incomplet : rechargez la page, puis appuyez sur le bouton.' }, { status: 400 });
  const found = await appointmentByLink(tx, services, args.params.jeton, now);
  if (!found.ok) throw refusal(found);
  const outcome = await cancelByLink(tx, found.id, now);
  if (outcome === 'annule') return { done: true, problem: null };
  if (outcome === 'trop_tard')
    return data({ done: false, problem: `Il est trop tard pour annuler par internet.${callUs(found.sitePhone)}` }, { status: 410 });
  if (outcome === 'deja_annule')
    return data({ done: false, problem: 'Ce rendez-vous est déjà annulé, ou il a déjà eu lieu.' }, { status: 409 });
  throw data({ message: INVALID }, { status: 404 });
}

export default function CancelAppointment() {
  const a = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Mon rendez-vous</h1>
      <p>
        <strong>{a.motif}</strong>
        <br />
        Le {a.when}.
        <br />
        {a.site} ({a.structure}).
      </p>
      {result?.done ? (
        <Notice kind="success" title="Votre rendez-vous est annulé. Merci de nous avoir prévenus." />
      ) : result?.problem ? (
        <Notice kind="error" title={result.problem} />
      ) : a.status === 'prevu' ? (
        <Form method="post">
          <CsrfField />
          <input type="hidden" name="confirmer" value="oui" />
          <p>Vous ne pouvez pas venir ? Annulez votre rendez-vous. Quelqu’un d’autre pourra le prendre.</p>
          <button className="fr-btn" type="submit">
            Annuler mon rendez-vous
          </button>
        </Form>
      ) : (
        <p>{a.status === 'annule' ? 'Ce rendez-vous est déjà annulé.' : 'Ce rendez-vous ne peut plus être annulé.'}</p>
      )}
      {a.phone && <p>Une question ? Appelez le {a.phone}.</p>}
    </div>
  );
}
