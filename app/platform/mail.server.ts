// Envoi d'e-mails par nodemailer. Sans SMTP_URL, chaque message est écrit en .eml dans
// DATA_DIR/outbox : Relais fonctionne hors ligne et l'exploitant voit ce qui serait parti.
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from './config.server';
import { randomToken } from './crypto.server';

/** Une pièce jointe en texte (une invitation d'agenda .ics). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

export type Mailer = (mail: Mail) => Promise<void>;

export function createMailer(config: Pick<Config, 'smtpUrl' | 'dataDir' | 'mailFrom'>): Mailer {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    return async (mail) => {
      await transport.sendMail({ from: config.mailFrom, ...mail });
    };
  }
  const outbox = path.join(config.dataDir, 'outbox');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return async (mail) => {
    const info = await transport.sendMail({ from: config.mailFrom, ...mail });
    fs.mkdirSync(outbox, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomToken(6)}.eml`;
    fs.writeFileSync(path.join(outbox, name), info.message as Buffer, { mode: 0o600 });
  };
}
