// Le ménage quotidien des files : les messages envoyés depuis 30 jours (ils portent des adresses et des textes sur
// les personnes) et les travaux faits depuis 30 jours disparaissent ; ce qui est en échec reste visible.
import { transaction } from '../../db/transaction.server';
import type { JobDefinition } from './jobs.server';
import { purgeJobs } from './jobs.server';
import { purgeMessages } from './outbox.server';

export const housekeepingJob: JobDefinition = {
  kind: 'envois.menage',
  label: 'Effacement des messages et travaux de plus de 30 jours',
  periodMs: 86_400_000,
  run: (services, structureId) =>
    transaction(services.database, { structureId }, async (tx) => {
      const now = services.now();
      const messages = await purgeMessages(tx, structureId, now);
      const done = await purgeJobs(tx, structureId, now);
      return `${messages} message(s) et ${done} travail(aux) effacé(s)`;
    }),
};
