import { Form, Link, useLoaderData } from 'react-router';
import type { Route } from './+types/diagnostics';
import { progressOverPeriod } from '../progress.server';
import { periodOf } from '../rules';
import { BLOCKS } from '../vocabulary';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';
import { can } from '../../../platform/policies';
import { BarChart } from '../../../ui/charts';
import { Notice, TextField } from '../../../ui/form';
import { dateFormat } from '../../../platform/time';

export const meta: Route.MetaFunction = () => [{ title: 'Diagnostics et progression — Relais' }];

const day = dateFormat({ dateStyle: 'long' });
const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'diagnostics.progression');
  const agent = ctx.actor;
  const services = servicesOf(args.context);
  const params = new URL(args.request.url).searchParams;
  const period = periodOf(params.get('du'), params.get('au'), services.now());
  const lastDay = new Date(period.to.getFullYear(), period.to.getMonth(), period.to.getDate() - 1);
  return {
    du: iso(period.from),
    au: iso(lastDay),
    label: `du ${day.format(period.from)} au ${day.format(lastDay)}`,
    notices: period.notices,
    progress: await progressOverPeriod(ctx, period),
    canHelpers: can(agent, 'diagnostics.realiser'),
  };
}

const share = (part: number, whole: number) => (whole ? `${Math.round((100 * part) / whole)} %` : '–');

export default function Diagnostics() {
  const { du, au, label, notices, progress: p, canHelpers } = useLoaderData<typeof loader>();
  const t = p.trends;
  return (
    <div className="fr-container fr-my-6w">
      <h1>Diagnostics et progression</h1>
      <p>
        Les personnes deviennent-elles plus autonomes ? Pour celles qui ont été diagnostiquées au moins deux fois sur la période, Relais
        compare leur premier et leur dernier diagnostic : progrès ou recul dès 5 points d'écart, ou un changement de niveau d'autonomie. Les
        diagnostics se font depuis la fiche de chaque personne.
      </p>
      {canHelpers && (
        <p>
          <Link to="/pairs-aidants">Trouver un pair-aidant par compétence</Link>
        </p>
      )}
      {notices.map((n) => (
        <Notice key={n} kind="warning" title={n} />
      ))}
      <Form method="get" className="relais-inline-form">
        <TextField name="du" label="Du" type="date" defaultValue={du} />
        <TextField name="au" label="Au" type="date" defaultValue={au} />
        <button className="fr-btn fr-btn--secondary" type="submit">
          Afficher
        </button>
      </Form>
      <h2 className="fr-h4 fr-mt-3w">Période {label}</h2>
      {p.diagnoses === 0 ? (
        <p>Aucun diagnostic sur cette période.</p>
      ) : (
        <>
          <ul>
            <li>
              {p.diagnoses} diagnostic{p.diagnoses > 1 ? 's' : ''} pour {p.persons} personne{p.persons > 1 ? 's' : ''}
            </li>
            <li>
              {p.repeated} personne{p.repeated > 1 ? 's' : ''} diagnostiquée{p.repeated > 1 ? 's' : ''} au moins deux fois
            </li>
          </ul>
          {p.repeated === 0 ? (
            <p>Personne n'a encore été diagnostiqué deux fois sur cette période : la progression se lira au prochain diagnostic.</p>
          ) : (
            <>
              <BarChart
                id="evolution"
                title="Entre le premier et le dernier diagnostic"
                summary={`Sur ${p.repeated} personnes : ${t.progres} en progrès (${share(t.progres, p.repeated)}), ${t.stable} stables, ${t.recul} en recul. Note d'ensemble moyenne de ${p.overall.first} à ${p.overall.last} sur 100.`}
                data={[
                  { label: 'En progrès', value: t.progres, text: `${t.progres} (${share(t.progres, p.repeated)})` },
                  { label: 'Stables', value: t.stable, text: `${t.stable} (${share(t.stable, p.repeated)})` },
                  { label: 'En recul', value: t.recul, text: `${t.recul} (${share(t.recul, p.repeated)})` },
                ]}
                valueHeader="Personnes"
              />
              <div className="fr-table relais-table-wrap">
                <table tabIndex={0}>
                  <caption>Note moyenne par bloc, au premier et au dernier diagnostic (sur 100)</caption>
                  <thead>
                    <tr>
                      <th scope="col">Bloc</th>
                      <th scope="col">Premier</th>
                      <th scope="col">Dernier</th>
                      <th scope="col">Écart</th>
                    </tr>
                  </thead>
                  <tbody>
                    <tr>
                      <th scope="row">Note d'ensemble</th>
                      <td>{p.overall.first}</td>
                      <td>{p.overall.last}</td>
                      <td>{p.overall.first !== null && p.overall.last !== null ? signed(p.overall.last - p.overall.first) : '–'}</td>
                    </tr>
                    {p.blocks.map((b) => (
                      <tr key={b.block}>
                        <th scope="row">{BLOCKS[b.block]}</th>
                        <td>{b.first ?? '–'}</td>
                        <td>{b.last ?? '–'}</td>
                        <td>{b.first !== null && b.last !== null ? signed(b.last - b.first) : '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
