/**
 * 签到表 end to end: 王培训 creates a session, ticks two of three people this run put on 前进村's
 * roster, and downloads the session's 签到表 from its page. The .xlsx lists the whole roster of the
 * township with exactly those two 已签到 (the third on it, blank); the 打印版 Word holds the same marks.
 */
import fs from 'node:fs';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import type { Page, Response } from 'playwright-core';
import type { PersonSaveResult } from '../../types/training';
import { onPage, onScreen, open, shot, signInAs, tap } from './browser';
import { callAs, phonesForFile, runToken } from './steps';

const token = runToken('签');
const stamp = String(Date.now()).slice(-8);
const people = ['甲', '乙', '丙'].map((s, i) => ({ name: `${s}${token}`, phone: `13${6 + i}${stamp}` }));
const [first, second, unticked] = people;

let page: Page;
phonesForFile(1, ([phone]) => {
  page = phone.page;
});

beforeAll(async () => {
  for (const [i, p] of people.entries()) {
    const res = await callAs<PersonSaveResult>('demo-trainer', 'person', 'save', { id: `sheet-${stamp}-p${i}`, unitId: 'xhy-qj', ...p, confirmNew: true });
    if (!res.ok) throw new Error(`person.save: ${res.error.message}`);
  }
});

/** On the session page: finds `name` by search, taps their line and waits until the back end has the tick. */
async function tick(name: string, count: number): Promise<void> {
  await onScreen(page, '#attendance-search input').fill(name);
  const line = onScreen(page, '.tick-row', name);
  await line.first().waitFor();
  await Promise.all([
    page.waitForResponse((r: Response) => r.url().endsWith('/fn/training') && (r.request().postData() ?? '').includes('"action":"attend"')),
    line.tap(),
  ]);
  await onScreen(page, '#attendee-count', new RegExp(`已签到\\s*${count}\\s*人`)).waitFor();
}

async function download(selector: string, name: RegExp): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), tap(page, selector)]);
  expect(file.suggestedFilename()).toMatch(name);
  return fs.readFileSync((await file.path())!);
}

const topic = `签到表 ${token}`;

describe('签到表', () => {
  test('the trainer ticks two people and downloads the session\'s 签到表: exactly those two are 已签到', async () => {
    await signInAs(page, '王培训');
    await open(page, '/packages/training/list/index');
    await tap(page, '#new-training');
    await onPage(page, '/packages/training/form/index');
    await onScreen(page, '#topic input').fill(topic);
    await onScreen(page, '#place input').fill('镇司法所会议室');
    await tap(page, '#save-training');
    await onPage(page, '/packages/training/session/index');
    await onScreen(page, '#session-topic', topic).waitFor();
    await tick(first.name, 1);
    await tick(second.name, 2);
    await onScreen(page, '#attendance-sheet').waitFor();
    await shot(page, 'sheet-1-session');

    const xlsx = await download('#attendance-sheet-xlsx', new RegExp(`^\\d{4}-\\d{2}-\\d{2}${topic}签到表\\.xlsx$`));
    const wb = new Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('签到')!;
    expect(String(ws.getCell('A1').value)).toBe(`${topic} 签到表`);
    expect(ws.getRow(3).getCell(2).value).toBe('姓名');
    expect(ws.getRow(3).getCell(5).value).toBe('是否签到');
    const rows: { name: string; mark: string }[] = [];
    ws.eachRow((row, n) => {
      if (n > 3) rows.push({ name: String(row.getCell(2).value), mark: String(row.getCell(5).value ?? '') });
    });
    expect(rows.filter((r) => r.mark === '已签到').map((r) => r.name).sort()).toEqual([first.name, second.name].sort());
    expect(rows.find((r) => r.name === unticked.name)?.mark).toBe('');

    const docx = await download('#attendance-sheet-docx', new RegExp(`^\\d{4}-\\d{2}-\\d{2}${topic}签到表\\.docx$`));
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    const cells = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
      [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => [...tc[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
    );
    expect(xml).toContain('法律明白人培训签到表');
    expect(cells.filter((r) => r[4] === '已签到').map((r) => r[1]).sort()).toEqual([first.name, second.name].sort());
    expect(cells.some((r) => r[1] === unticked.name && r[4] === '')).toBe(true);
  });
});
