import { data, Form, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/administration.partenariats';
import { answerPartnership, otherStructures, partnershipsOf, proposePartnership, type PartnershipView } from '../partnerships.server';
import { partnershipAnswerSchema, partnershipProposalSchema } from '../rules';
import { PARTNERSHIP_ERRORS } from '../errors';
import { requireAgent } from '../../../platform/authorize.server';
import { parseForm } from '../../../platform/forms.server';
import { CsrfField, ErrorSummary, Notice, SelectField } from '../../../ui/form';

export const meta: Route.MetaFunction = () => [{ title: 'Partenariats — Administration — Relais' }];

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'structure.parametrer');
  const current = await partnershipsOf(ctx);
  const taken = new Set(current.map((p) => p.otherId));
  const candidates = (await otherStructures(ctx)).filter((s) => !taken.has(s.id));
  return { partnerships: current, candidates };
}

const DONE = {
  accepter: 'Partenariat accepté : les orientations de cette structure peuvent vous être transmises.',
  refuser: 'Proposition refusée.',
  terminer: 'Partenariat terminé : plus aucune orientation ne sera transmise entre vos deux structures.',
} as const;

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'structure.parametrer');
  const form = await args.request.formData();
  if (form.get('intent') === 'proposer') {
    const parsed = parseForm(form, partnershipProposalSchema);
    if (!parsed.ok) return data({ ...parsed.failure, done: null }, { status: 400 });
    const result = await proposePartnership(ctx, parsed.data.partner);
    if (!result.ok) return data({ errors: { partner: PARTNERSHIP_ERRORS[result.error] }, values: {}, done: null }, { status: 400 });
    return { errors: {}, values: {}, done: 'Partenariat proposé : il vaudra dès que l’autre structure l’aura accepté.' };
  }
  const parsed = parseForm(form, partnershipAnswerSchema);
  if (!parsed.ok) return data({ errors: { formulaire: 'Action inconnue : rechargez la page.' }, values: {}, done: null }, { status: 400 });
  const result = await answerPartnership(ctx, parsed.data.partnershipId, parsed.data.answer);
  if (!result.ok) return data({ errors: { formulaire: PARTNERSHIP_ERRORS[result.error] }, values: {}, done: null }, { status: 400 });
  return { errors: {}, values: {}, done: DONE[parsed.data.answer] };
}

export default function Partenariats() {
  const { partnerships, candidates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const received = partnerships.filter((p) => p.status === 'proposee' && p.direction === 'recue');
  const sent = partnerships.filter((p) => p.status === 'proposee' && p.direction === 'envoyee');
  const accepted = partnerships.filter((p) => p.status === 'acceptee');
  return (
    <div className="fr-container fr-my-6w">
      <h1>Partenariats</h1>
      <p>
        Une orientation transmet le nom, le contact et le motif de la personne à un lieu d'une autre structure sur Relais seulement si vos
        deux structures ont accepté un partenariat. Sans partenariat, le lieu reçoit un lien à durée limitée par e-mail.
      </p>
      {result?.done && <Notice kind="success" title={result.done} />}
      {errors.formulaire && <Notice kind="error" title={errors.formulaire} />}
      <PartnershipList
        title="Propositions reçues"
        empty="Aucune proposition en attente."
        items={received}
        actions={['accepter', 'refuser']}
      />
      <PartnershipList title="Partenaires" empty="Aucun partenariat accepté pour le moment." items={accepted} actions={['terminer']} />
      <PartnershipList title="Propositions envoyées, en attente de réponse" empty="Aucune." items={sent} actions={['terminer']} />

      <h2 className="fr-mt-6w">Proposer un partenariat</h2>
      <ErrorSummary errors={{ partner: errors.partner }} labels={{ partner: 'Structure' }} />
      {candidates.length === 0 ? (
        <p>Toutes les autres structures de Relais sont déjà vos partenaires ou ont une proposition en cours.</p>
      ) : (
        <Form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="proposer" />
          <SelectField
            name="partner"
            label="Structure"
            options={candidates.map((c) => ({ value: c.id, label: c.name }))}
            placeholder="Choisir une structure"
            required
            error={errors.partner}
          />
          <button className="fr-btn" type="submit">
            Proposer le partenariat
          </button>
        </Form>
      )}
    </div>
  );
}

const ACTION_LABELS = { accepter: 'Accepter', refuser: 'Refuser', terminer: 'Mettre fin' } as const;

function PartnershipList({
  title,
  empty,
  items,
  actions,
}: {
  title: string;
  empty: string;
  items: PartnershipView[];
  actions: Array<keyof typeof ACTION_LABELS>;
}) {
  return (
    <section className="fr-mt-4w">
      <h2 className="fr-h4">{title}</h2>
      {items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className="fr-raw-list">
          {items.map((item) => (
            <li key={item.id} className="fr-mb-2w">
              <strong>{item.otherName}</strong>
              {actions.map((answer) => (
                <Form method="post" className="relais-inline-form fr-ml-2w" key={answer}>
                  <CsrfField />
                  <input type="hidden" name="partnershipId" value={item.id} />
                  <input type="hidden" name="answer" value={answer} />
                  <button className={`fr-btn fr-btn--sm${answer === 'accepter' ? '' : ' fr-btn--tertiary'}`} type="submit">
                    {ACTION_LABELS[answer]}
                    <span className="fr-sr-only"> : {item.otherName}</span>
                  </button>
                </Form>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
