import { Form, Link, useLoaderData } from 'react-router';
import type { Route } from './+types/pairs-aidants';
import { listPeerHelpers } from '../peer-helpers.server';
import { HELPER_SKILLS, type HelperSkill } from '../vocabulary';
import { requireAgent } from '../../../platform/authorize.server';
import { Notice, optionsOf, SelectField } from '../../../ui/form';
import { dateFormat } from '../../../platform/time';

export const meta: Route.MetaFunction = () => [{ title: 'Pairs-aidants — Relais' }];

const day = dateFormat({ dateStyle: 'long' });

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'diagnostics.realiser');
  const asked = new URL(args.request.url).searchParams.get('competence') ?? '';
  const skill = asked in HELPER_SKILLS ? (asked as HelperSkill) : null;
  const helpers = await listPeerHelpers(ctx, skill);
  return {
    skill,
    unknown: asked !== '' && !skill,
    helpers: helpers.map((h) => ({
      id: h.id,
      name: h.name,
      phone: h.phone,
      commune: h.communeName,
      skills: h.skills.map((s) => HELPER_SKILLS[s as HelperSkill] ?? s),
      availability: h.availability,
      since: day.format(h.consentAt),
    })),
  };
}

export default function PairsAidants() {
  const { skill, unknown, helpers } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Pairs-aidants</h1>
      <p>
        Des habitants accompagnés qui ont accepté d'aider d'autres personnes. Pour en proposer un, ouvrez le parcours de la personne depuis
        sa fiche.
      </p>
      {unknown && <Notice kind="warning" title="Compétence inconnue : elle est ignorée, tous les pairs-aidants sont listés." />}
      <Form method="get" className="relais-inline-form">
        <SelectField
          name="competence"
          label="Compétence recherchée"
          options={optionsOf(HELPER_SKILLS)}
          placeholder="— Toutes —"
          defaultValue={skill ?? ''}
        />
        <button className="fr-btn fr-btn--secondary" type="submit">
          Chercher
        </button>
      </Form>
      <h2 className="fr-h5 fr-mt-3w" aria-live="polite">
        {helpers.length === 0
          ? 'Aucun pair-aidant'
          : `${helpers.length} pair${helpers.length > 1 ? 's' : ''}-aidant${helpers.length > 1 ? 's' : ''}`}
        {skill ? ` pour « ${HELPER_SKILLS[skill]} »` : ''}
      </h2>
      <ul>
        {helpers.map((h) => (
          <li key={h.id} className="fr-mb-2w">
            <Link to={`/personnes/${h.id}`}>{h.name}</Link>
            {h.commune ? ` · ${h.commune}` : ''}
            {h.phone ? ` · ${h.phone}` : ''}
            <br />
            <span className="fr-text--sm">
              Partage : {h.skills.join(', ')}
              {h.availability ? ` · ${h.availability}` : ''} · volontaire depuis le {h.since}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
