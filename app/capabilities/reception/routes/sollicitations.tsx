import { Form, Link, useLoaderData } from 'react-router';
import type { Route } from './+types/sollicitations';
import { membersIn } from '../../administration/members.server';
import { blockedByCause, dueNextSteps, listSolicitations } from '../list-solicitations.server';
import { ignoredFilters, listFiltersSchema, type ListFilters } from '../rules';
import { labelOfOrganisations, organisationLabels } from '../organisations';
import { catalogIn } from '../organisations.server';
import { BLOCKED_CAUSES, LEVELS, MODE_LABELS, OUTCOMES, type Mode } from '../vocabulary';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';
import { can } from '../../../platform/policies';
import { Notice, optionsOf, SelectField, TextField } from '../../../ui/form';
import { Pagination } from '../../../ui/pagination';
import { dateFormat, localDay } from '../../../platform/time';

export const meta: Route.MetaFunction = () => [{ title: 'Sollicitations — Relais' }];

const when = dateFormat({ dateStyle: 'short', timeStyle: 'short' });
const day = dateFormat({ dateStyle: 'medium' });
const VIEWS = { jour: 'Ma journée', toutes: 'Toutes', 'a-revoir': 'À revoir', bloques: 'Blocages' } as const;

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'sollicitations.lister');
  const agent = ctx.actor;
  const services = servicesOf(args.context);
  const params = Object.fromEntries(new URL(args.request.url).searchParams);
  const catalog = await catalogIn(ctx.tx);
  const labels = organisationLabels(catalog);
  const labelOf = (codes: string[]) => labelOfOrganisations(labels, codes);
  const { vue, ...parsed } = listFiltersSchema(catalog).parse(params);
  const notices = ignoredFilters(params, parsed).map((key) => `Le filtre « ${key} » a une valeur inconnue : il est ignoré.`);
  let filters: ListFilters = parsed;
  if (filters.du && filters.au && filters.du > filters.au) {
    notices.push('La date de début était après la date de fin : les deux dates ont été inversées.');
    filters = { ...filters, du: filters.au, au: filters.du };
  }
  const today = localDay(services.now());
  const canOpenFiles = can(agent, 'personnes.consulter');
  // La liste des agents ne sert qu'aux filtres des vues « toutes » et « blocages ».
  const withFilters = vue === 'toutes' || vue === 'bloques';
  const mediators = withFilters
    ? (await membersIn(ctx.tx, ctx.actor)).filter((m) => m.role === 'mediateur' || m.role === 'travailleur_social' || m.role === 'accueil')
    : [];
  const organisations = Object.entries(labels).map(([value, label]) => ({ value, label }));
  const base = {
    vue,
    filters,
    notices,
    canOpenFiles,
    organisations,
    mediators: mediators.map((m) => ({ value: m.userId, label: m.displayName })),
    query: params,
  };
  if (vue === 'a-revoir') {
    const due = await dueNextSteps(ctx);
    return {
      ...base,
      due: due.map((d) => ({
        ...d,
        organisations: labelOf(d.organisations),
        late: d.next_step_date < today,
        nextStepDate: day.format(new Date(d.next_step_date)),
      })),
    };
  }
  if (vue === 'bloques') {
    const causes = await blockedByCause(ctx, filters);
    return {
      ...base,
      causes: causes.map((c) => ({
        label: c.cause ? (BLOCKED_CAUSES[c.cause as keyof typeof BLOCKED_CAUSES]?.label ?? c.cause) : 'Sans cause',
        side: c.cause ? BLOCKED_CAUSES[c.cause as keyof typeof BLOCKED_CAUSES]?.side : null,
        count: c.count,
      })),
    };
  }
  const effective: ListFilters = vue === 'jour' ? { du: today, au: today, mediateur: agent.userId, page: filters.page } : filters;
  const list = await listSolicitations(ctx, effective);
  return {
    ...base,
    page: list.page,
    hasNext: list.hasNext,
    rows: list.rows.map((r) => ({
      ...r,
      occurredAt: when.format(r.occurredAt),
      person: r.personId ? [r.firstName, r.lastName].filter(Boolean).join(' ') : 'Personne non identifiée',
      organisations: labelOf(r.organisations),
      mode: MODE_LABELS[r.mode as Mode],
      outcome: OUTCOMES[r.outcome as keyof typeof OUTCOMES],
    })),
  };
}

export default function Sollicitations() {
  const data = useLoaderData<typeof loader>();
  const link = (change: Record<string, string | undefined>) => {
    const next = new URLSearchParams({ ...data.query, ...change } as Record<string, string>);
    for (const [key, value] of [...next]) if (!value) next.delete(key);
    return `?${next}`;
  };
  return (
    <div className="fr-container fr-my-6w">
      <h1>Sollicitations</h1>
      <nav aria-label="Listes de sollicitations" className="fr-mb-3w">
        <ul className="fr-btns-group fr-btns-group--inline-sm">
          {Object.entries(VIEWS).map(([key, label]) => (
            <li key={key}>
              <Link
                className={`fr-btn ${data.vue === key ? '' : 'fr-btn--secondary'}`}
                to={`?vue=${key}`}
                aria-current={data.vue === key ? 'page' : undefined}
              >
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {data.notices.map((notice) => (
        <Notice key={notice} kind="warning" title={notice} />
      ))}
      {(data.vue === 'toutes' || data.vue === 'bloques') && (
        <Form method="get" className="fr-mb-4w">
          <input type="hidden" name="vue" value={data.vue} />
          <fieldset className="fr-fieldset">
            <legend className="fr-fieldset__legend">Filtrer</legend>
            <div className="fr-fieldset__element fr-fieldset__element--inline">
              <TextField name="du" label="Du" type="date" defaultValue={data.filters.du} />
            </div>
            <div className="fr-fieldset__element fr-fieldset__element--inline">
              <TextField name="au" label="Au" type="date" defaultValue={data.filters.au} />
            </div>
            <div className="fr-fieldset__element fr-fieldset__element--inline">
              <SelectField
                name="organisme"
                label="Organisme"
                options={data.organisations}
                placeholder="Tous"
                defaultValue={data.filters.organisme}
              />
            </div>
            {data.vue === 'toutes' && (
              <>
                <div className="fr-fieldset__element fr-fieldset__element--inline">
                  <SelectField
                    name="niveau"
                    label="Niveau"
                    options={optionsOf(LEVELS)}
                    placeholder="Tous"
                    defaultValue={data.filters.niveau}
                  />
                </div>
                <div className="fr-fieldset__element fr-fieldset__element--inline">
                  <SelectField
                    name="mode"
                    label="Mode d'aide"
                    options={optionsOf(MODE_LABELS)}
                    placeholder="Tous"
                    defaultValue={data.filters.mode}
                  />
                </div>
                <div className="fr-fieldset__element fr-fieldset__element--inline">
                  <SelectField
                    name="resultat"
                    label="Résultat"
                    options={optionsOf(OUTCOMES)}
                    placeholder="Tous"
                    defaultValue={data.filters.resultat}
                  />
                </div>
              </>
            )}
            <div className="fr-fieldset__element fr-fieldset__element--inline">
              <SelectField
                name="mediateur"
                label="Agent"
                options={data.mediators}
                placeholder="Tous"
                defaultValue={data.filters.mediateur}
              />
            </div>
          </fieldset>
          <button className="fr-btn fr-btn--secondary" type="submit">
            Filtrer
          </button>
        </Form>
      )}

      {'rows' in data && data.rows && (
        <>
          <div className="fr-table relais-table-wrap">
            <table tabIndex={0}>
              <caption>
                {data.vue === 'jour' ? "Mes sollicitations d'aujourd'hui" : 'Sollicitations, des plus récentes aux plus anciennes'} (page{' '}
                {data.page})
              </caption>
              <thead>
                <tr>
                  <th scope="col">Quand</th>
                  <th scope="col">Personne</th>
                  <th scope="col">Organisme et démarche</th>
                  <th scope="col">Aide</th>
                  <th scope="col">Résultat</th>
                  <th scope="col">Agent</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.length === 0 && (
                  <tr>
                    <td colSpan={6}>Aucune sollicitation.</td>
                  </tr>
                )}
                {data.rows.map((r) => (
                  <tr key={r.id}>
                    <td>{r.occurredAt}</td>
                    <td>{r.personId && data.canOpenFiles ? <Link to={`/personnes/${r.personId}`}>{r.person}</Link> : r.person}</td>
                    <td>
                      {r.organisations}
                      {r.procedure ? ` — ${r.procedure}` : ''}
                    </td>
                    <td>
                      {r.mode} · {r.durationMinutes} min
                    </td>
                    <td>{r.outcome}</td>
                    <td>{r.mediator}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={data.page}
            hasNext={data.hasNext}
            href={(page) => link({ page: String(page) })}
            label="Pagination des sollicitations"
          />
        </>
      )}

      {'due' in data && data.due && (
        <div className="fr-table relais-table-wrap">
          <table tabIndex={0}>
            <caption>Prochaines étapes dues d'ici 7 jours, ou en retard ({data.due.length})</caption>
            <thead>
              <tr>
                <th scope="col">Date prévue</th>
                <th scope="col">Personne</th>
                <th scope="col">Prochaine étape</th>
                <th scope="col">Organisme</th>
                <th scope="col">Agent</th>
              </tr>
            </thead>
            <tbody>
              {data.due.length === 0 && (
                <tr>
                  <td colSpan={5}>Rien à revoir.</td>
                </tr>
              )}
              {data.due.map((d) => (
                <tr key={d.id}>
                  <td>
                    {d.nextStepDate}
                    {d.late && <span className="fr-badge fr-badge--warning fr-badge--sm fr-ml-1w">En retard</span>}
                  </td>
                  <td>
                    {d.person_id && data.canOpenFiles ? (
                      <Link to={`/personnes/${d.person_id}`}>{[d.first_name, d.last_name].filter(Boolean).join(' ')}</Link>
                    ) : (
                      [d.first_name, d.last_name].filter(Boolean).join(' ') || 'Personne non identifiée'
                    )}
                  </td>
                  <td>{d.next_step ?? '—'}</td>
                  <td>{d.organisations}</td>
                  <td>{d.mediator}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {'causes' in data && data.causes && (
        <div className="fr-table relais-table-wrap">
          <table tabIndex={0}>
            <caption>Sollicitations bloquées, par cause</caption>
            <thead>
              <tr>
                <th scope="col">Cause</th>
                <th scope="col">Du côté de</th>
                <th scope="col">Nombre</th>
              </tr>
            </thead>
            <tbody>
              {data.causes.length === 0 && (
                <tr>
                  <td colSpan={3}>Aucun blocage sur la période.</td>
                </tr>
              )}
              {data.causes.map((c) => (
                <tr key={c.label}>
                  <td>{c.label}</td>
                  <td>{c.side === 'institution' ? "L'institution" : c.side === 'personne' ? 'La personne' : '—'}</td>
                  <td>{c.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
