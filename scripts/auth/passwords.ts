/** Password hashes: scrypt with a salt per user; compared in constant time. The clear text is never kept or logged. */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * OWASP's scrypt floor (N=2^17, r=8, p=1): 0.1 to 2 s and 128 MiB per hash. FAZHI_SCRYPT_N lowers
 * the cost for tests only; each hash keeps its own parameters.
 */
const cost = () => ({ N: Number(process.env.FAZHI_SCRYPT_N) || 2 ** 17, r: 8, p: 1 });
const MAXMEM = 256 * 1024 * 1024;
const KEY_LENGTH = 32;

export interface PasswordHash {
  salt: string;
  hash: string;
  /** Kept with the hash, so raising the cost later still verifies old ones. */
  params: { N: number; r: number; p: number };
}

function derive(password: string, salt: Buffer, params: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...params, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const params = cost();
  return { salt: salt.toString('base64'), hash: (await derive(password, salt, params)).toString('base64'), params };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const key = await derive(password, Buffer.from(stored.salt, 'base64'), stored.params);
  const expected = Buffer.from(stored.hash, 'base64');
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of nothing anyone has: an unknown phone costs the same time as a wrong password. */
let decoy: Promise<PasswordHash> | undefined;
export async function verifyNobody(password: string): Promise<false> {
  decoy ??= hashPassword(randomBytes(16).toString('base64'));
  await verifyPassword(password, await decoy);
  return false;
}
