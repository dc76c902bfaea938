// Dire ce qu'il est advenu de la personne : le partenaire sur l'orientation reçue, ou la structure elle-même
// quand le lieu n'a pas de compte sur Relais.
import { Form } from 'react-router';
import { CsrfField, optionsOf, RadioGroup, SelectField, TextAreaField, TextField } from '../../../ui/form';
import { OUTCOMES, REFUSAL_REASONS } from '../vocabulary';

/** `askName` : sur un lien sans compte, la personne qui répond peut donner son nom. */
export function OutcomeForm({
  errors,
  values,
  askName = false,
}: {
  errors: Record<string, string>;
  values: Record<string, string>;
  askName?: boolean;
}) {
  return (
    <Form method="post" noValidate>
      <CsrfField />
      <input type="hidden" name="intent" value="resultat" />
      <RadioGroup
        name="outcome"
        legend="Ce qu'il est advenu de la personne"
        options={optionsOf(OUTCOMES)}
        defaultValue={values.outcome}
        error={errors.outcome}
        inline={false}
      />
      <SelectField
        name="refusalReason"
        label="Motif du refus"
        hint="Si l'orientation est refusée"
        options={optionsOf(REFUSAL_REASONS)}
        placeholder="—"
        defaultValue={values.refusalReason}
        error={errors.refusalReason}
      />
      <TextAreaField
        name="comment"
        label="Commentaire"
        hint="Facultatif. Jamais de mot de passe ni d'identifiant."
        defaultValue={values.comment}
        error={errors.comment}
      />
      {askName && (
        <TextField
          name="answeredBy"
          label="Votre nom"
          hint="Facultatif : pour que la structure sache qui a répondu."
          autoComplete="name"
          defaultValue={values.answeredBy}
          error={errors.answeredBy}
        />
      )}
      <button className="fr-btn" type="submit">
        Enregistrer le résultat
      </button>
    </Form>
  );
}

export const OUTCOME_LABELS = { outcome: 'Résultat', refusalReason: 'Motif du refus', comment: 'Commentaire', answeredBy: 'Votre nom' };
