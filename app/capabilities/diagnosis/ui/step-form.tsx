// Le formulaire d'une étape du plan, pour l'ajouter ou la modifier : type, intitulé, lieu de l'annuaire,
// pair-aidant volontaire, date prévue. Fonctionne sans JavaScript.
import { Form } from 'react-router';
import { CsrfField, ErrorSummary, optionsOf, SelectField, TextField } from '../../../ui/form';
import { HELPER_SKILLS, STEP_KINDS, type HelperSkill } from '../vocabulary';

export const STEP_LABELS = { kind: 'Type d’étape', label: 'Intitulé', placeId: 'Lieu', helperId: 'Pair-aidant', dueOn: 'Date prévue' };

interface Props {
  intent?: string;
  submit: string;
  places: Array<{ id: string; name: string; city: string }>;
  helpers: Array<{ id: string; name: string; skills: string[] }>;
  values: Record<string, string>;
  errors: Record<string, string>;
}

export function StepForm({ intent, submit, places, helpers, values, errors }: Props) {
  return (
    <>
      <ErrorSummary errors={errors} labels={STEP_LABELS} />
      <Form method="post" noValidate>
        <CsrfField />
        {intent && <input type="hidden" name="intent" value={intent} />}
        <SelectField
          name="kind"
          label={STEP_LABELS.kind}
          options={optionsOf(STEP_KINDS)}
          placeholder="— Choisir —"
          defaultValue={values.kind}
          error={errors.kind}
        />
        <TextField
          name="label"
          label={STEP_LABELS.label}
          hint="Par exemple : atelier « créer sa boîte e-mail » le mardi à la médiathèque."
          defaultValue={values.label}
          error={errors.label}
        />
        <SelectField
          name="placeId"
          label={STEP_LABELS.placeId}
          hint="Facultatif : un lieu de l'annuaire."
          options={places.map((p) => ({ value: p.id, label: `${p.name} (${p.city})` }))}
          placeholder="— Aucun —"
          defaultValue={values.placeId}
          error={errors.placeId}
        />
        <SelectField
          name="helperId"
          label={STEP_LABELS.helperId}
          hint={
            helpers.length
              ? 'Facultatif : un habitant volontaire qui partage ce qu’il sait.'
              : 'Aucun pair-aidant volontaire pour l’instant.'
          }
          options={helpers.map((h) => ({
            value: h.id,
            label: `${h.name} — ${h.skills.map((s) => HELPER_SKILLS[s as HelperSkill] ?? s).join(', ')}`,
          }))}
          placeholder="— Aucun —"
          defaultValue={values.helperId}
          error={errors.helperId}
        />
        <TextField name="dueOn" label={STEP_LABELS.dueOn} hint="Facultatif" type="date" defaultValue={values.dueOn} error={errors.dueOn} />
        <button className="fr-btn fr-btn--secondary" type="submit">
          {submit}
        </button>
      </Form>
    </>
  );
}
