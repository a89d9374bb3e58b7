/** Where uploaded files go (cloud storage on CloudBase, DATA_DIR/files locally): one folder, so a record can only point at uploads. */
export const UPLOADS_DIR = 'uploads';

/**
 * 96 random bits from the platform's CSPRNG, so a file's name cannot be guessed (the gateway names
 * every upload of `npm run serve` and `npm start` with it). WeChat's JS has no `crypto`: there a
 * file in CloudBase storage is guarded by the storage's own rules, not by its name.
 */
function randomPart(): string {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) return Array.from(c.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  return Math.random().toString(36).slice(2, 10) + Math.random().toString(36).slice(2, 10);
}

/** `uploads/2024-03-07/<24 hex>-photo.jpg`: by day, with a random part so two phones never overwrite each other's files and nobody guesses a name. */
export function uploadPath(name: string, now: Date = new Date()): string {
  const safe = name.replace(/[^A-Za-z0-9_.\-\u4e00-\u9fa5]/g, '_').slice(-60) || 'file';
  const random = randomPart();
  return `${UPLOADS_DIR}/${now.toISOString().slice(0, 10)}/${random}-${safe}`;
}

/** The id of a file uploaded through the app (local or CloudBase): what a request may name, and nothing else stored. */
// Each segment starts with a letter, digit or 汉字, so none is '.' or '..'; no backslash, no empty segment.
export const UPLOADED_FILE_ID = new RegExp(`^(local://|cloud://[^/]+/)${UPLOADS_DIR}(/[A-Za-z0-9_\\-\u4e00-\u9fa5][A-Za-z0-9_.\\-\u4e00-\u9fa5]*)+$`);
