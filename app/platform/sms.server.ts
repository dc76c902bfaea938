// Envoi de SMS derrière une interface de prestataire. Avec SMS_URL, un POST JSON {to, text} (la plupart des
// passerelles SMS françaises s'y adaptent par un petit relais) ; sans, chaque SMS est écrit en .txt dans
// DATA_DIR/outbox, comme les e-mails : Relais fonctionne hors ligne et l'exploitant voit ce qui serait parti.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.server';
import { randomToken } from './crypto.server';

export interface Sms {
  to: string;
  text: string;
}

export type SmsSender = (sms: Sms) => Promise<void>;

export function createSmsSender(config: Pick<Config, 'smsUrl' | 'dataDir'>, send: typeof fetch = fetch): SmsSender {
  if (config.smsUrl) {
    const url = config.smsUrl;
    return async (sms) => {
      const response = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sms),
        signal: AbortSignal.timeout(15_000),
      });
      if (!response.ok) throw new Error(`Le prestataire SMS a répondu ${response.status}.`);
    };
  }
  const outbox = path.join(config.dataDir, 'outbox');
  return async (sms) => {
    fs.mkdirSync(outbox, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomToken(6)}.sms.txt`;
    fs.writeFileSync(path.join(outbox, name), `À : ${sms.to}\n\n${sms.text}\n`, { mode: 0o600 });
  };
}
