// Les travaux différés de Relais, assemblés ici pour le worker (serveur et `relais worker`) : chaque capacité
// fournit les siens, la plateforme le ménage.
import { deliverPasswordResets } from './capabilities/accounts/password-reset.server';
import { referralFollowUpJob } from './capabilities/referrals/follow-up.server';
import { retentionJob } from './capabilities/reception/retention.server';
import { vaultExpiryJob } from './capabilities/vault/expiry.server';
import { appointmentMessageJob, appointmentReminderJob } from './capabilities/appointments/notifications.server';
import { earlierSlotJob } from './capabilities/appointments/earlier.server';
import { workshopOffersJob } from './capabilities/workshops/offers.server';
import { workshopReminderJob } from './capabilities/workshops/notifications.server';
import { workshopFollowUpJob } from './capabilities/workshops/my-workshops.server';
import { vaultHousekeepingJob } from './capabilities/vault/housekeeping.server';
import { nightlyBackup } from './platform/backup/nightly.server';
import { housekeepingJob } from './platform/jobs/housekeeping.server';
import type { JobDefinition } from './platform/jobs/jobs.server';
import { startWorker, type InstanceTask } from './platform/jobs/worker.server';
import type { Services } from './platform/services.server';
import { STORIES } from './capabilities/demo/seed-demo.server';
import { liveDemoDay } from './capabilities/demo/today.server';
import { localDay } from './platform/time';

export const JOB_DEFINITIONS: readonly JobDefinition[] = [
  referralFollowUpJob,
  housekeepingJob,
  retentionJob,
  vaultHousekeepingJob,
  vaultExpiryJob,
  appointmentReminderJob,
  appointmentMessageJob,
  earlierSlotJob,
  workshopReminderJob,
  workshopOffersJob,
  workshopFollowUpJob,
];

/** Les travaux de l'instance, hors structure, à chaque tour. */
export const INSTANCE_TASKS: readonly InstanceTask[] = [(services) => deliverPasswordResets(services), nightlyBackup, demoDay];

/** La démonstration passe au jour suivant (une fois par jour et par instance, la base le garantit pour toutes). */
let demoLiveOn = '';
async function demoDay(services: Services) {
  const day = localDay(services.now());
  if (!services.config.demo || demoLiveOn === day) return 0;
  await liveDemoDay(services.database, STORIES, services.now());
  demoLiveOn = day;
  return 0;
}

export const jobLabel = (kind: string) => JOB_DEFINITIONS.find((d) => d.kind === kind)?.label ?? kind;

/** Le worker intégré au serveur ; null si RELAIS_WORKER_INTERVAL=0 (un `relais worker` tourne à part). */
export function startBackgroundWorker(services: Services, log: (line: string) => void) {
  const seconds = services.config.workerIntervalSeconds;
  return seconds > 0 ? startWorker(services, JOB_DEFINITIONS, INSTANCE_TASKS, seconds * 1000, log) : null;
}
