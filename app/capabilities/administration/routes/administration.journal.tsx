import { Form, useLoaderData } from 'react-router';
import type { Route } from './+types/administration.journal';
import { browseAuditLog } from '../audit-log.server';
import { membersIn } from '../members.server';
import { auditFiltersSchema } from '../rules';
import { AUDIT_ACTIONS } from '../../../platform/audit-actions';
import { requireAgent } from '../../../platform/authorize.server';
import { SelectField, TextField } from '../../../ui/form';
import { Pagination } from '../../../ui/pagination';
import { dateFormat } from '../../../platform/time';

export const meta: Route.MetaFunction = () => [{ title: "Journal d'audit — Relais" }];

const ACTIONS: Record<string, string> = AUDIT_ACTIONS;

const dateTime = dateFormat({ dateStyle: 'short', timeStyle: 'medium' });

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'audit.consulter');
  const params = Object.fromEntries(new URL(args.request.url).searchParams);
  const filters = auditFiltersSchema.parse(params);
  const [log, members] = [await browseAuditLog(ctx, filters), await membersIn(ctx.tx, ctx.actor)];
  return {
    filters,
    page: log.page,
    hasNext: log.hasNext,
    events: log.events.map((e) => ({ ...e, occurredAt: dateTime.format(e.occurredAt) })),
    agents: members.map((m) => ({ value: m.userId, label: m.displayName })),
    query: params,
  };
}

export default function JournalAudit() {
  const { filters, events, agents, page, hasNext, query } = useLoaderData<typeof loader>();
  const pageLink = (target: number) => `?${new URLSearchParams({ ...query, page: String(target) })}`;
  return (
    <div className="fr-container fr-my-6w">
      <h1>Journal d'audit</h1>
      <p>Chaque modification et chaque consultation de donnée sensible est tracée ici. Ce journal ne peut pas être modifié.</p>
      <Form method="get" className="fr-mb-4w">
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Filtrer</legend>
          <div className="fr-fieldset__element fr-fieldset__element--inline">
            <SelectField
              name="action"
              label="Action"
              options={Object.entries(ACTIONS).map(([value, label]) => ({ value, label }))}
              placeholder="Toutes"
              defaultValue={filters.action}
            />
          </div>
          <div className="fr-fieldset__element fr-fieldset__element--inline">
            <SelectField name="agent" label="Agent" options={agents} placeholder="Tous" defaultValue={filters.agent} />
          </div>
          <div className="fr-fieldset__element fr-fieldset__element--inline">
            <TextField name="du" label="Du" type="date" defaultValue={filters.du} />
          </div>
          <div className="fr-fieldset__element fr-fieldset__element--inline">
            <TextField name="au" label="Au" type="date" defaultValue={filters.au} />
          </div>
        </fieldset>
        <button className="fr-btn fr-btn--secondary" type="submit">
          Filtrer
        </button>
      </Form>
      <div className="fr-table relais-table-wrap">
        {/* Focusable : le tableau défile horizontalement sur petit écran (accessible au clavier). */}
        <table tabIndex={0}>
          <caption>Événements, du plus récent au plus ancien (page {page})</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Agent</th>
              <th scope="col">Action</th>
              <th scope="col">Objet</th>
            </tr>
          </thead>
          <tbody>
            {events.length === 0 && (
              <tr>
                <td colSpan={4}>Aucun événement ne correspond à ces filtres.</td>
              </tr>
            )}
            {events.map((event) => (
              <tr key={event.id}>
                <td>{event.occurredAt}</td>
                <td>{event.actorName ?? 'Système'}</td>
                <td>{ACTIONS[event.action] ?? event.action}</td>
                <td>{event.targetType ? `${event.targetType} ${event.targetId?.slice(0, 8) ?? ''}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} hasNext={hasNext} href={pageLink} label="Pagination du journal" />
    </div>
  );
}
