/** Photos as the e2e tests take them: made in the page, picked from the album, and read back. */
import type { Page } from 'playwright-core';
import { tap } from './browser';

/** A photo as a camera makes one: `width`×`height` of noise, as PNG bytes (made in the page's canvas). */
export async function photoBytes(page: Page, width: number, height: number): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    `(() => { const c = document.createElement('canvas'); c.width = ${width}; c.height = ${height};
      const g = c.getContext('2d'); for (let i = 0; i < 200; i++) { g.fillStyle = 'hsl(' + i * 7 + ',70%,50%)'; g.fillRect((i * 97) % ${width}, (i * 53) % ${height}, 300, 200); }
      return c.toDataURL('image/png'); })()`,
  );
  return Buffer.from(String(dataUrl).split(',')[1], 'base64');
}

/** A JPEG's width and height, from its start-of-frame segment. */
export function jpegSize(b: Buffer): { width: number; height: number } {
  expect([b[0], b[1]]).toEqual([0xff, 0xd8]);
  for (let i = 2; i < b.length; ) {
    const marker = b[i + 1];
    if (marker >= 0xc0 && marker <= 0xc3) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + b.readUInt16BE(i + 2);
  }
  throw new Error('no JPEG frame');
}

/** Picks `file` from the album through the page's file chooser (the 从相册选 button of a photos section). */
export async function pickFromAlbum(page: Page, name: string, buffer: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await tap(page, '#photo-album');
  await (await chooser).setFiles({ name, mimeType: 'image/png', buffer });
}
