// Classification RGPD des colonnes des tables de cette capacité (voir app/db/column-classes.ts).
import { activity, secret, technical, type TableClassification } from '../../db/column-classes';

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
  resident_codes: {
    structure_id: technical,
    id: technical,
    space_id: technical,
    person_id: activity('effacer'),
    contact_hash: secret('10 minutes de validité, effacé un jour après'),
    code_hash: secret('10 minutes de validité, effacé un jour après'),
    attempts: technical,
    expires_at: technical,
    used_at: technical,
    created_at: technical,
  },
  resident_sessions: {
    structure_id: technical,
    id: technical,
    token_hash: secret('30 minutes sans activité (5 sur un ordinateur partagé), 12 heures au plus'),
    space_id: technical,
    person_id: activity('effacer'),
    shared_computer: technical,
    last_seen_at: technical,
    expires_at: technical,
    created_at: technical,
  },
  resident_code_requests: {
    id: technical,
    contact_hash: secret('une heure pour limiter les demandes, effacé un jour après'),
    ip_hash: secret('une heure pour limiter les demandes, effacé un jour après'),
    requested_at: technical,
  },
} satisfies TableClassification;
