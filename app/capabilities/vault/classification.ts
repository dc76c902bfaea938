// Classification RGPD des colonnes du coffre-fort (voir app/db/column-classes.ts).
import { activity, secret, technical, type ColumnClass, type TableClassification } from '../../db/column-classes';

const paper: ColumnClass = {
  kind: 'sensible',
  retention: 'tant que la personne garde le papier ; sa clé détruite quand il est retiré ou la personne effacée',
  anonymisation: 'effacer',
};

export const VAULT_COLUMNS = {
  vaults: {
    structure_id: technical,
    id: technical,
    person_id: activity('conserver'),
    wrapped_key: secret('détruite à l’effacement de la personne'),
    consent_at: technical,
    consent_by: activity('conserver'),
    destroyed_at: technical,
    created_at: technical,
  },
  vault_documents: {
    structure_id: technical,
    id: technical,
    person_id: activity('conserver'),
    kind: paper,
    issued_on: paper,
    expires_on: paper,
    wrapped_key: secret('détruite quand le papier est retiré'),
    storage_name: technical,
    sealed_name: paper,
    content_type: technical,
    size_bytes: technical,
    page_count: technical,
    added_by: activity('conserver'),
    added_by_person: technical,
    created_at: technical,
    removed_at: technical,
    removed_by: activity('conserver'),
    file_removed_at: technical,
  },
} satisfies TableClassification;
