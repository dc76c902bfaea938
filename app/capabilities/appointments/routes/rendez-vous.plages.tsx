// Les plages d'ouverture et les absences : quand chacun reçoit sur rendez-vous, où, pour quels motifs ; quand il est
// absent. Un chevauchement entre deux plages d'un même agent est signalé, jamais bloqué. Fonctionne sans JavaScript.
import { data, Form, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/rendez-vous.plages';
import { requireAgent } from '../../../platform/authorize.server';
import { formFailure, parseForm } from '../../../platform/forms.server';
import { dateFormat, today } from '../../../platform/time';
import { CheckboxGroup, CsrfField, ErrorSummary, Notice, RadioGroup, SelectField, TextField, feedbackOf } from '../../../ui/form';
import { absenceSchema, rangeSchema } from '../ranges';
import { addAbsence, addRange, archiveRange, listAbsences, listRanges, rangeChoices, removeAbsence } from '../ranges.server';
import { ABSENCE_KINDS, FREQUENCIES, NTHS, WEEKDAYS } from '../vocabulary';

export const meta: Route.MetaFunction = () => [{ title: "Plages d'ouverture et absences — Rendez-vous — Relais" }];

const LABELS = {
  agentId: 'Agent',
  siteId: "Lieu d'accueil",
  motifIds: 'Motifs servis',
  frequency: 'Répétition',
  interval: 'Tous les combien',
  weekdays: 'Jours de la semaine',
  nth: 'Quel jour du mois',
  monthWeekday: 'Jour de la semaine (plage mensuelle)',
  firstDay: 'Premier jour',
  lastDay: 'Dernier jour',
  startTime: 'Heure de début',
  endTime: 'Heure de fin',
  startsAt: "Début de l'absence",
  endsAt: "Fin de l'absence",
  kind: "Motif de l'absence",
};
const when = dateFormat({ dateStyle: 'full', timeStyle: 'short' });
const dayFormat = dateFormat({ dateStyle: 'long' });
const dayOf = (iso: string) => dayFormat.format(new Date(`${iso}T12:00:00`));

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'rendez_vous.plages');
  const [choices, ranges, away] = await Promise.all([rangeChoices(ctx), listRanges(ctx), listAbsences(ctx)]);
  return {
    choices: {
      agents: choices.agents.map((a) => ({ value: a.id, label: a.name })),
      sites: choices.sites.map((s) => ({ value: s.id, label: s.name })),
      motifs: choices.motifs.map((m) => ({ value: m.id, label: `${m.name} (${m.durationMinutes} min)` })),
    },
    me: ctx.actor.userId,
    today: today(ctx.now),
    ranges: ranges.map((r) => ({
      ...r,
      period: r.lastDay ? `du ${dayOf(r.firstDay)} au ${dayOf(r.lastDay)}` : `à partir du ${dayOf(r.firstDay)}`,
    })),
    absences: away.map((a) => ({
      id: a.id,
      agentName: a.agentName,
      kind: ABSENCE_KINDS[a.kind],
      period: `du ${when.format(a.startsAt)} au ${when.format(a.endsAt)}`,
      editable: a.editable,
    })),
  };
}

const removal = z.object({ intent: z.enum(['retirer_plage', 'enlever_absence']), id: z.uuid() });

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'rendez_vous.plages');
  const form = await args.request.formData();
  const intent = form.get('intent');
  if (intent === 'plage') {
    const choices = await rangeChoices(ctx);
    const parsed = parseForm(
      form,
      rangeSchema({
        agents: new Set(choices.agents.map((a) => a.id)),
        sites: new Set(choices.sites.map((s) => s.id)),
        motifs: new Set(choices.motifs.map((m) => m.id)),
      }),
    );
    if (!parsed.ok) return formFailure(parsed.failure, { intent: 'plage', done: null, overlaps: [] as string[] });
    const added = await addRange(ctx, parsed.data);
    return { errors: {}, values: {}, intent: 'plage', done: 'La plage est ajoutée.', overlaps: added.overlaps };
  }
  if (intent === 'absence') {
    const choices = await rangeChoices(ctx);
    const parsed = parseForm(form, absenceSchema(new Set(choices.agents.map((a) => a.id))));
    if (!parsed.ok) return formFailure(parsed.failure, { intent: 'absence', done: null, overlaps: [] as string[] });
    const added = await addAbsence(ctx, parsed.data);
    const clash =
      added.appointments > 0
        ? ` ${added.appointments} rendez-vous prévu${added.appointments > 1 ? 's tombent' : ' tombe'} pendant cette absence : déplacez-les ou annulez-les en prévenant les personnes.`
        : '';
    return { errors: {}, values: {}, intent: 'absence', done: `L'absence est ajoutée.${clash}`, overlaps: [] as string[] };
  }
  const removing = removal.safeParse(Object.fromEntries(form));
  if (!removing.success) throw data({ message: 'Formulaire incomplet : rechargez la page.' }, { status: 400 });
  const done =
    removing.data.intent === 'retirer_plage' ? await archiveRange(ctx, removing.data.id) : await removeAbsence(ctx, removing.data.id);
  if (!done) throw data({ message: "Cette plage ou cette absence n'est plus là, ou ce n'est pas à vous de la changer." }, { status: 404 });
  return {
    errors: {},
    values: {},
    intent: null,
    done: removing.data.intent === 'retirer_plage' ? 'Plage retirée : elle ne s’ouvre plus.' : 'Absence enlevée.',
    overlaps: [] as string[],
  };
}

export default function Plages() {
  const { choices, me, today, ranges, absences } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { errors, values } = feedbackOf(result);
  const rangeErrors = result?.intent === 'plage' ? errors : {};
  const absenceErrors = result?.intent === 'absence' ? errors : {};
  const rangeValues = result?.intent === 'plage' ? values : {};
  const absenceValues = result?.intent === 'absence' ? values : {};
  const list = (value: string | undefined) => (value ? value.split(',') : undefined);
  return (
    <div className="fr-container fr-my-6w">
      <h1>Plages d'ouverture et absences</h1>
      <p>
        Une plage dit quand un agent reçoit sur rendez-vous, où, et pour quels motifs. Les créneaux proposés en sont tirés, moins les
        absences, les jours fériés et les rendez-vous déjà pris.
      </p>
      {result?.done && <Notice kind="success" title={result.done} />}
      {result?.overlaps && result.overlaps.length > 0 && (
        <Notice
          kind="warning"
          title={`Cette plage chevauche ${result.overlaps.length > 1 ? 'd’autres plages' : 'une autre plage'} du même agent : ${result.overlaps.join(' ; ')}. Elle est enregistrée ; vérifiez que c'est voulu.`}
        />
      )}
      <section aria-labelledby="plages" className="fr-mb-6w">
        <h2 id="plages">Plages en cours</h2>
        {ranges.length === 0 ? (
          <p>Aucune plage pour l'instant : ajoutez la première ci-dessous.</p>
        ) : (
          <ul className="relais-plain-list">
            {ranges.map((r) => (
              <li key={r.id} className="fr-mb-3w">
                <strong>{r.agentName}</strong> · {r.siteName}
                <br />
                {r.description}, {r.period}.
                <br />
                <span className="fr-text--sm">Motifs : {r.motifs.join(', ')}.</span>
                {r.overlaps.length > 0 && (
                  <p className="fr-text--sm fr-mb-0">
                    <span className="fr-badge fr-badge--warning fr-badge--sm">Chevauchement</span> avec : {r.overlaps.join(' ; ')}.
                  </p>
                )}
                {r.editable && (
                  <Form method="post" className="relais-inline-form">
                    <CsrfField />
                    <input type="hidden" name="intent" value="retirer_plage" />
                    <input type="hidden" name="id" value={r.id} />
                    <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                      Retirer
                      <span className="fr-sr-only">
                        {' '}
                        la plage de {r.agentName} : {r.description}
                      </span>
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="ajouter-plage" className="fr-mb-6w">
        <h2 id="ajouter-plage">Ajouter une plage</h2>
        {choices.sites.length === 0 || choices.motifs.length === 0 ? (
          <p>
            Il faut d'abord {choices.sites.length === 0 ? "un lieu d'accueil de la structure (dans l'annuaire)" : 'un motif de rendez-vous'}
            .
          </p>
        ) : (
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="plage" />
            <ErrorSummary errors={rangeErrors} labels={LABELS} />
            <SelectField
              name="agentId"
              label={LABELS.agentId}
              options={choices.agents}
              defaultValue={rangeValues.agentId ?? me}
              error={rangeErrors.agentId}
            />
            <SelectField
              name="siteId"
              label={LABELS.siteId}
              options={choices.sites}
              placeholder="— Choisir le lieu —"
              defaultValue={rangeValues.siteId}
              error={rangeErrors.siteId}
            />
            <CheckboxGroup
              name="motifIds"
              legend={LABELS.motifIds}
              options={choices.motifs}
              inline={false}
              defaultValues={list(rangeValues.motifIds) ?? choices.motifs.map((m) => m.value)}
              error={rangeErrors.motifIds}
            />
            <RadioGroup
              name="frequency"
              legend={LABELS.frequency}
              options={Object.entries(FREQUENCIES).map(([value, label]) => ({ value, label }))}
              defaultValue={rangeValues.frequency ?? 'hebdomadaire'}
              error={rangeErrors.frequency}
            />
            <SelectField
              name="interval"
              label={LABELS.interval}
              hint="1 : chaque semaine (ou chaque mois) ; 2 : une semaine sur deux…"
              options={['1', '2', '3', '4'].map((n) => ({ value: n, label: n }))}
              defaultValue={rangeValues.interval ?? '1'}
              error={rangeErrors.interval}
            />
            <CheckboxGroup
              name="weekdays"
              legend={LABELS.weekdays}
              hint="Pour une plage de chaque semaine."
              options={WEEKDAYS.map((label, index) => ({ value: String(index), label }))}
              defaultValues={list(rangeValues.weekdays)}
              error={rangeErrors.weekdays}
            />
            <SelectField
              name="nth"
              label={LABELS.nth}
              hint="Pour une plage de chaque mois : « le premier mardi du mois »."
              options={Object.entries(NTHS).map(([value, label]) => ({ value, label }))}
              placeholder="—"
              defaultValue={rangeValues.nth}
              error={rangeErrors.nth}
            />
            <SelectField
              name="monthWeekday"
              label={LABELS.monthWeekday}
              options={WEEKDAYS.map((label, index) => ({ value: String(index), label }))}
              placeholder="—"
              defaultValue={rangeValues.monthWeekday}
              error={rangeErrors.monthWeekday}
            />
            <TextField
              name="firstDay"
              type="date"
              label={LABELS.firstDay}
              defaultValue={rangeValues.firstDay ?? today}
              error={rangeErrors.firstDay}
            />
            <TextField
              name="lastDay"
              type="date"
              label={LABELS.lastDay}
              hint="Facultatif : vide, la plage continue."
              defaultValue={rangeValues.lastDay}
              error={rangeErrors.lastDay}
            />
            <TextField
              name="startTime"
              type="time"
              label={LABELS.startTime}
              hint="Par exemple 09:00"
              defaultValue={rangeValues.startTime}
              error={rangeErrors.startTime}
            />
            <TextField
              name="endTime"
              type="time"
              label={LABELS.endTime}
              hint="Par exemple 12:00"
              defaultValue={rangeValues.endTime}
              error={rangeErrors.endTime}
            />
            <button className="fr-btn fr-mt-2w" type="submit">
              Ajouter la plage
            </button>
          </Form>
        )}
      </section>
      <section aria-labelledby="absences" className="fr-mb-6w">
        <h2 id="absences">Absences à venir</h2>
        {absences.length === 0 ? (
          <p>Aucune absence prévue.</p>
        ) : (
          <ul className="relais-plain-list">
            {absences.map((a) => (
              <li key={a.id} className="fr-mb-2w">
                <strong>{a.agentName}</strong> · {a.kind}, {a.period}.
                {a.editable && (
                  <Form method="post" className="relais-inline-form">
                    <CsrfField />
                    <input type="hidden" name="intent" value="enlever_absence" />
                    <input type="hidden" name="id" value={a.id} />
                    <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                      Enlever<span className="fr-sr-only"> l'absence de {a.agentName}</span>
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        )}
        <h3>Ajouter une absence</h3>
        <Form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="absence" />
          <ErrorSummary errors={absenceErrors} labels={LABELS} />
          <SelectField
            name="agentId"
            id="absence-agent"
            label="Agent absent"
            options={choices.agents}
            defaultValue={absenceValues.agentId ?? me}
            error={absenceErrors.agentId}
          />
          <TextField
            name="startsAt"
            type="datetime-local"
            label={LABELS.startsAt}
            defaultValue={absenceValues.startsAt}
            error={absenceErrors.startsAt}
          />
          <TextField
            name="endsAt"
            type="datetime-local"
            label={LABELS.endsAt}
            defaultValue={absenceValues.endsAt}
            error={absenceErrors.endsAt}
          />
          <RadioGroup
            name="kind"
            legend={LABELS.kind}
            options={Object.entries(ABSENCE_KINDS).map(([value, label]) => ({ value, label }))}
            defaultValue={absenceValues.kind ?? 'conge'}
            error={absenceErrors.kind}
          />
          <button className="fr-btn fr-mt-2w" type="submit">
            Ajouter l'absence
          </button>
        </Form>
      </section>
    </div>
  );
}
