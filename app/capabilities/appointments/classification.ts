// Classification RGPD des colonnes des rendez-vous (voir app/db/column-classes.ts).
import { activity, technical, type TableClassification } from '../../db/column-classes';

export const APPOINTMENTS_COLUMNS = {
  appointment_motifs: {
    structure_id: technical,
    id: technical,
    name: technical,
    duration_minutes: technical,
    location_type: technical,
    bookable_by: technical,
    min_notice_minutes: technical,
    max_days_ahead: technical,
    organisation: technical,
    instructions: technical,
    archived_at: technical,
    created_by: activity('conserver'),
    created_at: technical,
  },
} satisfies TableClassification;
