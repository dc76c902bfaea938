// Classification RGPD des colonnes des tables de cette capacité (voir app/db/column-classes.ts).
import { technical, person, activity, freeText, diagnosis, type TableClassification } from '../../db/column-classes';

export const DIAGNOSIS_COLUMNS = {
  diagnoses: {
    structure_id: technical,
    id: technical,
    person_id: activity('supprimer_ligne'),
    answers: diagnosis('effacer'),
    block_scores: activity('conserver'),
    overall_score: activity('conserver'),
    computed_level: activity('conserver'),
    level: activity('conserver'),
    level_reason: freeText("durée de l'accompagnement, 2 ans au plus"),
    autonomy: activity('conserver'),
    freins: diagnosis('effacer'),
    comment: freeText("durée de l'accompagnement, 2 ans au plus"),
    created_at: technical,
    created_by: activity('conserver'),
  },
  plan_steps: {
    structure_id: technical,
    id: technical,
    person_id: activity('supprimer_ligne'),
    diagnosis_id: technical,
    kind: activity('conserver'),
    label: freeText("durée de l'accompagnement, 2 ans au plus"),
    place_id: technical,
    helper_person_id: activity('effacer'),
    due_on: activity('conserver'),
    status: activity('conserver'),
    status_at: activity('conserver'),
    created_at: technical,
    created_by: activity('conserver'),
  },
  peer_helpers: {
    structure_id: technical,
    person_id: person('supprimer_ligne'),
    skills: person('supprimer_ligne'),
    availability: person('supprimer_ligne'),
    consent_at: person('supprimer_ligne'),
    consent_by: person('supprimer_ligne'),
  },
} satisfies TableClassification;
