import { Form, redirect, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/pilotage.rapport-annuel';
import { readReportText, saveReportText } from '../annual-report.server';
import { requireAgent, servicesOf } from '../../../platform/authorize.server';
import { freeText } from '../../../platform/fields';
import { formFailure, parseForm } from '../../../platform/forms.server';
import { CsrfField, ErrorSummary, Notice, SelectField, TextAreaField, feedbackOf } from '../../../ui/form';

export const meta: Route.MetaFunction = () => [{ title: "Rapport d'activité — Pilotage — Relais" }];

const yearsUntil = (current: number) => Array.from({ length: 6 }, (_, i) => current - i);

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'pilotage.parametrer');
  const services = servicesOf(args.context);
  const current = services.now().getFullYear();
  const params = new URL(args.request.url).searchParams;
  const asked = Number(params.get('annee'));
  const year = yearsUntil(current).includes(asked) ? asked : current - 1;
  return {
    year,
    years: yearsUntil(current).map((y) => ({ value: String(y), label: String(y) })),
    text: await readReportText(ctx, year),
    saved: params.get('enregistre') === '1',
    unknownYear: params.has('annee') && asked !== year,
  };
}

const schema = (current: number) =>
  z.object({
    annee: z.coerce
      .number({ error: "Choisissez l'année du rapport." })
      .int("Choisissez l'année du rapport.")
      .refine((y) => yearsUntil(current).includes(y), "Choisissez l'année du rapport dans la liste."),
    texte: freeText(4000, 'Le texte'),
  });

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'pilotage.parametrer');
  const services = servicesOf(args.context);
  const parsed = parseForm(await args.request.formData(), schema(services.now().getFullYear()));
  if (!parsed.ok) return formFailure(parsed.failure);
  await saveReportText(ctx, parsed.data.annee, parsed.data.texte ?? '');
  throw redirect(`/pilotage/rapport-annuel?annee=${parsed.data.annee}&enregistre=1`);
}

export default function RapportAnnuel() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = feedbackOf(result).errors;
  const values = feedbackOf(result).values;
  return (
    <div className="fr-container fr-my-6w">
      <h1>Rapport d'activité annuel</h1>
      <p>
        Pour le conseil d'administration : chiffres clés, évolution sur quatre ans, répartitions, autonomie et mandats, calculés par Relais,
        et votre texte d'analyse et de propositions.
      </p>
      {page.unknownYear && <Notice kind="info" title="Cette année n'est pas proposée : voici celle de l'an dernier." />}
      <Form method="get" className="fr-mb-4w">
        <SelectField name="annee" label="Année du rapport" options={page.years} defaultValue={String(page.year)} />
        <button className="fr-btn fr-btn--secondary" type="submit">
          Choisir cette année
        </button>
      </Form>
      {page.saved && <Notice kind="success" title={`Texte du rapport ${page.year} enregistré.`} />}
      <ErrorSummary errors={errors} labels={{ annee: 'Année', texte: 'Texte' }} />
      <Form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="annee" value={page.year} />
        <TextAreaField
          name="texte"
          label={`Analyse et propositions pour ${page.year}`}
          hint="4 000 caractères au plus. Aucune donnée personnelle : le rapport est diffusé."
          defaultValue={values.texte ?? page.text}
          error={errors.texte ?? errors.annee}
        />
        <button className="fr-btn fr-mr-2w" type="submit">
          Enregistrer le texte
        </button>
      </Form>
      <p className="fr-mt-4w">
        <a className="fr-btn fr-btn--secondary fr-icon-file-pdf-line fr-btn--icon-left" href={`/pilotage/rapport-annuel/${page.year}.pdf`}>
          Télécharger le rapport {page.year} (PDF)
        </a>
      </p>
    </div>
  );
}
