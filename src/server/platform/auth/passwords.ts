/** Password hashing with argon2id (OWASP-recommended parameters) and the password policy. */
import { hash, verify } from '@node-rs/argon2';
import { badRequest } from '../errors.ts';

// 2 = Algorithm.Argon2id (a const enum, which isolated modules cannot import).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** Rejects passwords that are too short or too long (argon2 input is bounded to keep hashing cheap). */
export function checkPasswordPolicy(password: string): void {
  if (password.length < PASSWORD_MIN) {
    throw badRequest('weak_password', `Password must have at least ${PASSWORD_MIN} characters`);
  }
  if (password.length > PASSWORD_MAX) {
    throw badRequest('weak_password', `Password must have at most ${PASSWORD_MAX} characters`);
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Constant-time verification; a malformed stored hash counts as a mismatch. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** Burns the same time as a real check so unknown usernames cannot be told apart by timing. */
export async function verifyDummy(password: string): Promise<void> {
  dummy ??= hashPassword('luoshi-timing-equaliser');
  await verifyPassword(await dummy, password);
}
