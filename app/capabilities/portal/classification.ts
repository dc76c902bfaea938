// Classification RGPD des colonnes des tables de cette capacité (voir app/db/column-classes.ts).
import { activity, technical, type TableClassification } from '../../db/column-classes';

export const PORTAL_COLUMNS = {
  resident_spaces: {
    structure_id: technical,
    id: technical,
    person_id: activity('effacer'),
    sign_in_channel: technical,
    consent_at: technical,
    opened_by: activity('conserver'),
    closed_at: technical,
    closed_by: activity('conserver'),
    created_at: technical,
  },
} satisfies TableClassification;
