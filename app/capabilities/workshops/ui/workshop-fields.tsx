// Les champs d'un atelier du catalogue, pour l'ajouter ou le modifier : mêmes libellés, mêmes aides, mêmes messages.
import { CheckboxGroup, optionsOf, RadioGroup, SelectField, TextAreaField, TextField } from '../../../ui/form';
import { DIGITAL_SKILLS } from '../../../vocabulary/coop';
import { HELPER_SKILLS } from '../../diagnosis/vocabulary';
import { LEVELS } from '../vocabulary';

export const WORKSHOP_LABELS = {
  title: 'Titre de l’atelier',
  theme: 'Thématique (Coop de la médiation numérique)',
  skills: 'Gestes travaillés (grille du diagnostic)',
  level: 'Niveau',
  description: 'Description pour les habitants, en mots simples',
  durationMinutes: 'Durée d’une séance (en minutes)',
  toBring: 'Ce qu’il faut apporter',
  prerequisites: 'Prérequis',
  cycleLength: 'Nombre de séances du cycle',
};
const LABELS = WORKSHOP_LABELS;

export function WorkshopFields({
  values,
  errors,
}: {
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
}) {
  return (
    <>
      <TextField name="title" label={LABELS.title} required defaultValue={values.title} error={errors.title} />
      <SelectField
        name="theme"
        label={LABELS.theme}
        options={optionsOf(DIGITAL_SKILLS)}
        placeholder="Choisissez"
        defaultValue={values.theme}
        error={errors.theme}
      />
      <CheckboxGroup
        name="skills"
        legend={LABELS.skills}
        hint="Le plan d’une personne propose l’atelier qui travaille ce qui lui manque."
        options={optionsOf(HELPER_SKILLS)}
        defaultValues={values.skills?.split(',')}
        error={errors.skills}
      />
      <RadioGroup
        name="level"
        legend={LABELS.level}
        options={optionsOf(LEVELS)}
        defaultValue={values.level ?? 'debutant'}
        error={errors.level}
      />
      <TextAreaField
        name="description"
        label={LABELS.description}
        hint="Des phrases courtes, une idée par phrase. Les habitants la lisent dans leur espace."
        defaultValue={values.description}
        error={errors.description}
      />
      <TextField
        name="durationMinutes"
        label={LABELS.durationMinutes}
        hint="De 15 à 480 minutes."
        type="number"
        inputMode="numeric"
        min={15}
        max={480}
        required
        defaultValue={values.durationMinutes ?? '120'}
        error={errors.durationMinutes}
      />
      <TextField
        name="toBring"
        label={LABELS.toBring}
        hint="Par exemple : « Votre téléphone, chargé. » Jamais d’identifiant ni de mot de passe écrit ici."
        defaultValue={values.toBring}
        error={errors.toBring}
      />
      <TextField name="prerequisites" label={LABELS.prerequisites} defaultValue={values.prerequisites} error={errors.prerequisites} />
      <TextField
        name="cycleLength"
        label={LABELS.cycleLength}
        hint="1 si l’atelier tient en une séance."
        type="number"
        inputMode="numeric"
        min={1}
        max={20}
        required
        defaultValue={values.cycleLength ?? '1'}
        error={errors.cycleLength}
      />
    </>
  );
}
