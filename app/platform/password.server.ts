// Empreintes argon2id des mots de passe des agents (paramètres recommandés par l'OWASP).
import { hash, verify } from '@node-rs/argon2';

// algorithm 2 = Argon2id (enum « const » de @node-rs/argon2, inaccessible avec verbatimModuleSyntax).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string | null, password: string) {
  // Sans compte, on calcule quand même une vérification : même durée, pas d'énumération.
  const target = passwordHash ?? (await dummyHash);
  const matches = await verify(target, password).catch(() => false);
  return passwordHash !== null && matches;
}

const dummyHash = hash('relais-compte-inexistant', OPTIONS);
