// Ce dont les cas d'usage ont besoin, construit une fois par le serveur (ou par un test)
// et transmis à chaque requête par le contexte de React Router.
import type { Database } from '../db/database.server';
import type { Config } from './config.server';
import type { EventHub } from './events.server';
import type { FileStorage } from './file-storage.server';
import type { Mailer } from './mail.server';
import type { SmsSender } from './sms.server';

export interface Services {
  config: Config;
  database: Database;
  mail: Mailer;
  sms: SmsSender;
  /** Enveloppe les clés des coffres et scelle les sauvegardes ; change par `relais rotate-master-key`. */
  masterKey: Buffer;
  /** La clé racine, stable (décision 028) : liens signés, empreintes, secrets scellés des comptes et des cookies. */
  rootKey: Buffer;
  now: () => Date;
  events: EventHub;
  /** Les fichiers chiffrés du coffre-fort. */
  files: FileStorage;
}
