// TOTP (RFC 6238) par otplib : enrôlement par QR code, vérification sans rejeu.
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

export const newTotpSecret = () => generateSecret();

export async function totpQrCode(secret: string, account: string, issuer: string) {
  const uri = generateURI({ issuer, label: account, secret });
  return { uri, dataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

/** Renvoie le pas de temps accepté, ou null. Un pas déjà utilisé (lastStep) est refusé. */
export async function checkTotp(secret: string, token: string, lastStep: number | null, epoch?: number) {
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epochTolerance: 30,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
    ...(epoch !== undefined ? { epoch } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
