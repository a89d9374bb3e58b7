/**
 * 区级设置 (issue #3: the dispute type list is configurable per district), end to end on two
 * phones: the admin adds a type and saves; 李调解's 登记纠纷 offers it, a case is logged with
 * it and 我的台账 filters by it; the admin drops it again and the form stops offering it,
 * while the case that has it keeps it and can still be edited. A save shows what was saved at
 * once; one crossed by another admin's save says so and shows the settings as they are now.
 */
import type { Page } from 'playwright-core';
import type { SettingsView } from '../../types/settings';
import { exactly, onPage, onScreen, open, shot, signInAs, tap } from './browser';
import { callAs, caseCard, eventually, fillCase, openCase, openLedger, PAGES, phonesForFile, runToken, seeToast, watchCalls } from './steps';

const NEW_TYPE = '消费纠纷';

let a: Page;
let m: Page;
let original: SettingsView;

beforeAll(async () => {
  const got = await callAs<SettingsView>('demo-admin', 'settings', 'get', {});
  if (!got.ok) throw new Error(got.error.message);
  original = got.data;
});

phonesForFile(2, async ([adminPhone, mediatorPhone]) => {
  a = adminPhone.page;
  m = mediatorPhone.page;
  await signInAs(a, '管理员');
  await signInAs(m, '李调解');
});

afterAll(async () => {
  // Other test files share this server: leave the district's list as it was.
  const now = await callAs<SettingsView>('demo-admin', 'settings', 'get', {});
  if (now.ok && now.data.version) {
    await callAs('demo-admin', 'settings', 'save', {
      disputeTypes: original.disputeTypes,
      unitWideEditing: original.unitWideEditing,
      baseVersion: now.data.version,
    });
  }
});

const typeRows = async (page: Page) => (await onScreen(page, '.type-row__name').allInnerTexts()).map((t) => t.trim());

/** 区级设置 from the admin's home tile. */
async function openSettings(): Promise<void> {
  await open(a, PAGES.home);
  await tap(a, '.tile .tile__title', exactly('区级设置'));
  await onPage(a, PAGES.settings);
  await onScreen(a, '.type-row__name').first().waitFor();
}

/** 保存设置, and the page shows what was saved at once: no second request, no '有未保存的修改' in between. */
async function saveSettings(): Promise<void> {
  const saves = watchCalls(a, 'settings', 'save');
  const gets = watchCalls(a, 'settings', 'get');
  await tap(a, '.btn', exactly('保存设置'));
  await seeToast(a, '已保存');
  expect(await onScreen(a, '#settings-unsaved').count()).toBe(0);
  await a.waitForTimeout(300);
  expect(saves.stop()).toBe(1);
  expect(gets.stop()).toBe(0);
}

/** A new 登记纠纷 form on the mediator's phone, loaded. */
async function newCaseForm(): Promise<void> {
  await open(m, PAGES.disputeForm);
  await onScreen(m, '#acceptedDate').waitFor();
}

describe('the district decides the dispute types', () => {
  const token = runToken('类型');

  test('a. the admin adds a type, moves it up and saves; the mediator logs a case with it and filters by it', async () => {
    await openSettings();
    const before = await typeRows(a);
    expect(before).toEqual(original.disputeTypes);
    expect(before).not.toContain(NEW_TYPE);

    await onScreen(a, '#new-type input').fill(NEW_TYPE);
    await tap(a, '.btn', exactly('添加'));
    expect(await typeRows(a)).toEqual([...before, NEW_TYPE]);
    await onScreen(a, '.type-row', NEW_TYPE).locator('.btn', { hasText: '上移' }).tap();
    const moved = [...before.slice(0, -1), NEW_TYPE, before[before.length - 1]];
    expect(await typeRows(a)).toEqual(moved);
    await onScreen(a, '#settings-unsaved').waitFor();
    await shot(a, 'settings-a-unsaved');
    await saveSettings();
    await onScreen(a, '#settings-unsaved').waitFor({ state: 'detached' });
    await onScreen(a, '.muted', /第\d+版 · 最后修改于/).waitFor();
    await shot(a, 'settings-a-added');

    await newCaseForm();
    await fillCase(m, { type: NEW_TYPE, summary: `${token} 网购退货纠纷` });
    await tap(m, '.btn', exactly('提交'));
    await onPage(m, PAGES.myLedger);
    await caseCard(m, token).first().waitFor();

    await openLedger(m);
    await tap(m, '.link', '按月份、纠纷类型筛选');
    await tap(m, '.chip', exactly(NEW_TYPE));
    // The unfiltered list is on screen until the filtered one arrives.
    await eventually(() => onScreen(m, '.case').count(), 1);
    await caseCard(m, token).first().waitFor();
    await shot(m, 'settings-a-filtered');
  });

  test('b. a name already in the list is refused next to the field and not added', async () => {
    await openSettings();
    const before = await typeRows(a);
    await onScreen(a, '#new-type input').fill('邻里');
    await tap(a, '.btn', exactly('添加'));
    await onScreen(a, '.field__error', '「邻里」已在列表中').waitFor();
    expect(await typeRows(a)).toEqual(before);
  });

  test('c. once dropped, the form no longer offers it, but the case that has it keeps it and can be edited', async () => {
    await openSettings();
    await onScreen(a, '.type-row', NEW_TYPE).locator('.btn', { hasText: '删除' }).tap();
    expect(await typeRows(a)).not.toContain(NEW_TYPE);
    await saveSettings();

    await newCaseForm();
    await onScreen(m, '.chip', exactly('婚姻家庭')).waitFor();
    expect(await onScreen(m, '.chip', exactly(NEW_TYPE)).count()).toBe(0);

    await openLedger(m);
    await openCase(m, token);
    await tap(m, '.btn', exactly('修改'));
    await onPage(m, PAGES.disputeForm);
    await onScreen(m, '.chip--on', exactly(NEW_TYPE)).waitFor();
    await fillCase(m, { amountYuan: '880' });
    await tap(m, '.btn', exactly('保存修改'));
    await seeToast(m, '已保存');
  });

  test('d. only the admin has the tile; others see the settings read-only', async () => {
    await open(m, PAGES.home);
    await onScreen(m, '.tile').first().waitFor();
    expect(await onScreen(m, '.tile__title', exactly('区级设置')).count()).toBe(0);
    await open(m, PAGES.settings);
    await onScreen(m, '.notice', '只有区级管理员可以修改').waitFor();
    expect(await onScreen(m, '.btn', exactly('保存设置')).count()).toBe(0);
  });

  test('e. saved elsewhere meanwhile: the admin is told their change was not saved, sees the settings as they are now, and can save again', async () => {
    const ELSEWHERE = '旅游纠纷';
    const MINE = '教育纠纷';
    await openSettings();
    await onScreen(a, '#new-type input').fill(MINE);
    await tap(a, '.btn', exactly('添加'));
    // Another admin (another phone) saves first.
    const now = await callAs<SettingsView>('demo-admin', 'settings', 'get', {});
    if (!now.ok) throw new Error(now.error.message);
    const other = await callAs('demo-admin', 'settings', 'save', {
      disputeTypes: [...now.data.disputeTypes, ELSEWHERE],
      unitWideEditing: now.data.unitWideEditing,
      ...(now.data.version ? { baseVersion: now.data.version } : {}),
    });
    expect(other.ok).toBe(true);

    await tap(a, '.btn', exactly('保存设置'));
    await onScreen(a, '.field__error', '您的修改未保存').waitFor();
    await eventually(async () => (await typeRows(a)).includes(ELSEWHERE), true);
    expect(await typeRows(a)).not.toContain(MINE);
    await onScreen(a, '#settings-unsaved').waitFor({ state: 'detached' });
    await shot(a, 'settings-e-stale');

    // On the page as it is now, the change is made again and saves, without leaving.
    await onScreen(a, '#new-type input').fill(MINE);
    await tap(a, '.btn', exactly('添加'));
    await saveSettings();
    expect(await typeRows(a)).toEqual(expect.arrayContaining([ELSEWHERE, MINE]));
  });
});
