/**
 * A session's 签到表 (training.attendanceSheet), parsed back: the .xlsx holds a title with the
 * session's details, then one row per person on the roster of the session's area (and nobody
 * else), their village and masked phone, 已签到 on exactly the ticked ones and an empty 签名; the
 * .docx is an A4 page titled 法律明白人培训签到表 in 宋体 with the same people and marks, ruled rows
 * and the trainer's signature line.
 */
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import { C } from '../../cloudfunctions/core/platform/port';
import { todayBeijing } from '../../types/dates';
import type { Unit } from '../../types/org';
import type { ExportedFile } from '../../types/report';
import { LAW_PERSON_TRAINING, type Person, type PersonSaveResult, type Roster, type Training } from '../../types/training';
import { demoWorld, expectOk, type World } from '../support/world';

const TRAINER = 'demo-trainer'; // 杏花营镇
const ADMIN = 'demo-admin';

jest.setTimeout(60_000);

let w: World;
let session: Training;
let roster: Person[];
const ticked: Person[] = [];
let outsider: Person;

async function addPerson(unitId: string, name: string, phone: string): Promise<Person> {
  const r = expectOk(await w.call<PersonSaveResult>(ADMIN, 'person', 'save', { id: `sheet-person-${phone}`, unitId, name, phone, confirmNew: true }));
  if (r.kind !== 'saved') throw new Error('taken for a duplicate');
  return r.person;
}

beforeAll(async () => {
  w = await demoWorld(0);
  session = expectOk(await w.call<Training>(TRAINER, 'training', 'save', {
    id: 'sheet-training-1', unitId: 'xhy', category: LAW_PERSON_TRAINING, date: todayBeijing(),
    topic: '=民法典进乡村', trainer: '王培训', place: '镇司法所会议室', hours: 2,
  }));
  ticked.push(await addPerson('xhy-qj', '甲签到', '13512345601'), await addPerson('xhy-qj', '乙签到', '13512345602'));
  outsider = await addPerson('jy-hx', '丙外镇', '13512345603');
  for (const p of ticked) expectOk(await w.call(TRAINER, 'training', 'attend', { trainingId: session._id, personId: p._id, present: true }));
  roster = expectOk(await w.call<Roster>(TRAINER, 'person', 'roster', { unitId: 'xhy', limit: 1000 })).items;
});
afterAll(() => w.store.close());

async function sheet(format: 'xlsx' | 'docx'): Promise<{ file: ExportedFile; bytes: Uint8Array }> {
  const file = expectOk(await w.call<ExportedFile>(TRAINER, 'training', 'attendanceSheet', { id: session._id, format }));
  return { file, bytes: await w.files.get(file.fileId) };
}

const villageOf = async (p: Pick<Person, 'unitId'>) => (await w.store.get<Unit>(C.units, p.unitId))!.name;

test('the .xlsx: the session above, then every roster person of the area once, the ticked ones 已签到', async () => {
  const { file, bytes } = await sheet('xlsx');
  expect(file.name).toBe(`${session.date}=民法典进乡村签到表.xlsx`);
  const wb = new Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('签到')!;
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const cells = Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1).value);
    rows.push(cells.map((c) => (c === null || c === undefined ? '' : String(c))));
  });

  expect(rows[0]).toEqual(['=民法典进乡村 签到表']);
  // Formula-like text stays text: no cell holds a formula.
  expect(typeof ws.getCell('A1').value).toBe('string');
  expect(rows[1]).toEqual([
    '主题:=民法典进乡村', `类别:${LAW_PERSON_TRAINING}`, `日期:${session.date}`, '地点:镇司法所会议室', '培训人:王培训', '学时:2',
    `名册 ${roster.length} 人,已签到 2 人`,
  ]);
  expect(rows[2]).toEqual(['序号', '姓名', '所属单位', '手机号', '是否签到', '签名', '培训编号']);
  const body = rows.slice(3);
  expect(body.map((r) => r[0])).toEqual(body.map((_, i) => String(i + 1)));
  expect(body.map((r) => r[1]).sort()).toEqual(roster.map((p) => p.name).sort());
  expect(body.map((r) => r[1])).not.toContain(outsider.name);
  expect(body.filter((r) => r[4] === '已签到').map((r) => r[1]).sort()).toEqual(['乙签到', '甲签到']);
  expect(body.every((r) => r[4] === '已签到' || r[4] === '')).toBe(true);
  expect(body.every((r) => r[5] === '' && r[6] === session._id)).toBe(true);
  const first = body.find((r) => r[1] === '甲签到')!;
  expect(first.slice(2, 4)).toEqual([await villageOf(ticked[0]), '135****5601']);
  // Village by village.
  const villages = body.map((r) => r[2]);
  expect(villages).toEqual([...villages].sort((a, b) => a.localeCompare(b, 'zh')));
});

/** The document's table rows, each as its cells' text. */
async function docxParts(bytes: Uint8Array): Promise<{ xml: string; rows: string[][]; text: string }> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  const texts = (s: string) => [...s.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => texts(tc[0])));
  const text = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => texts(p[0])).join('\n');
  return { xml, rows, text };
}

test('the .docx: an A4 page titled in 宋体, the session, a ruled row per roster person, the ticked marked, the trainer signs', async () => {
  const { file, bytes } = await sheet('docx');
  expect(file.name).toBe(`${session.date}=民法典进乡村签到表.docx`);
  const { xml, rows, text } = await docxParts(bytes);
  expect(text.split('\n')[0]).toBe('法律明白人培训签到表');
  expect(xml).toMatch(/<w:rFonts w:ascii="宋体"[^>]*\/>(?:(?!<\/w:r>)[\s\S])*<w:t[^>]*>法律明白人培训签到表</);
  expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
  expect(text).toContain('培训主题:=民法典进乡村');
  expect(text).toContain(`日期:${session.date}`);
  expect(text).toContain('培训人:王培训');
  expect(text).toMatch(/培训人签字:_+\s*日期:/);
  expect(rows[0]).toEqual(['序号', '姓名', '所属单位', '联系电话', '签名']);
  const body = rows.slice(1);
  expect(body).toHaveLength(roster.length);
  expect(body.map((r) => r[1]).sort()).toEqual(roster.map((p) => p.name).sort());
  expect(body.filter((r) => r[4] === '已签到').map((r) => r[1]).sort()).toEqual(['乙签到', '甲签到']);
  expect(body.find((r) => r[1] === '乙签到')!.slice(2, 4)).toEqual([await villageOf(ticked[1]), '135****5602']);
  // Each row ruled and tall enough to sign in; the header repeats on every page.
  expect(xml.match(/<w:trHeight w:val="624" w:hRule="atLeast"\/>/g)).toHaveLength(roster.length);
  expect(xml).toContain('<w:tblHeader/>');
  expect(xml).toMatch(/<w:tcBorders>[\s\S]*?<w:bottom w:val="single"/);
});
