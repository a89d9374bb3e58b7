/** Where uploaded files go (cloud storage on CloudBase, DATA_DIR/files locally): one folder, so a record can only point at uploads. */
export const UPLOADS_DIR = 'uploads';

/** `uploads/2024-03-07/k3j9x2ab-photo.jpg`: by day, with a random part so two phones never overwrite each other's files. */
export function uploadPath(name: string, now: Date = new Date()): string {
  const safe = name.replace(/[^A-Za-z0-9_.\-\u4e00-\u9fa5]/g, '_').slice(-60) || 'file';
  const random = Math.random().toString(36).slice(2, 10);
  return `${UPLOADS_DIR}/${now.toISOString().slice(0, 10)}/${random}-${safe}`;
}

/** The id of a file uploaded through the app (local or CloudBase): what a request may name, and nothing else stored. */
// Each segment starts with a letter, digit or 汉字, so none is '.' or '..'; no backslash, no empty segment.
export const UPLOADED_FILE_ID = new RegExp(`^(local://|cloud://[^/]+/)${UPLOADS_DIR}(/[A-Za-z0-9_\\-\u4e00-\u9fa5][A-Za-z0-9_.\\-\u4e00-\u9fa5]*)+$`);
