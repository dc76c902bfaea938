// Classification RGPD des colonnes des tables de cette capacité (voir app/db/column-classes.ts).
import { technical, activity, type TableClassification } from '../../db/column-classes';

export const STEERING_COLUMNS = {
  annual_reports: {
    structure_id: technical,
    year: technical,
    text: { kind: 'non_personnelle', retention: 'durée de vie de la structure', anonymisation: 'conserver' },
    updated_at: technical,
    updated_by: activity('conserver'),
  },
} satisfies TableClassification;
