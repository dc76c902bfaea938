// Durée de vie d'une session d'agent : règles pures.

export interface SessionTimes {
  lastSeenAt: Date;
  expiresAt: Date;
}

/** Une session expire après une inactivité (idleMinutes) ou à son échéance absolue. */
export function sessionExpired(session: SessionTimes, now: Date, idleMinutes: number) {
  return now >= session.expiresAt || now.getTime() - session.lastSeenAt.getTime() > idleMinutes * 60_000;
}

/** On ne réécrit last_seen_at qu'une fois par minute : pas d'écriture à chaque page. */
export const shouldTouch = (session: SessionTimes, now: Date) => now.getTime() - session.lastSeenAt.getTime() > 60_000;
