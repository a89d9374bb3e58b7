/** Upload names (types/files.ts): a stored file's name must not be guessable from the day and the file's own name. */
import { UPLOADED_FILE_ID, uploadPath } from '../../types/files';

test('an upload path carries 96 random bits, different every time, and is a valid upload id', () => {
  const now = new Date('2024-03-07T02:00:00Z');
  const paths = Array.from({ length: 1000 }, () => uploadPath('签到 表.xlsx', now));
  expect(new Set(paths).size).toBe(1000);
  for (const p of paths.slice(0, 20)) {
    expect(p).toMatch(/^uploads\/2024-03-07\/[0-9a-f]{24}-签到_表\.xlsx$/);
    expect(UPLOADED_FILE_ID.test(`local://${p}`)).toBe(true);
  }
});
