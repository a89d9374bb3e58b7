/**
 * 组织架构 (issue 12), end to end: the admin adds a village under 杏花营镇 from the 组织架构 tile,
 * renames it (a name taken there is refused), retires it, and moves 北郊社区 (with its cases) from 城西街道 to 仙人庄街道, watching the move
 * finish; the townships' 汇总 figures follow exactly (read through the function, since other files
 * add cases to the same server), the district's do not change. afterAll moves it back.
 */
import type { Page } from 'playwright-core';
import type { SummaryView } from '../../types/metrics';
import type { CompletenessView } from '../../types/reporting';
import type { Unit } from '../../types/org';
import { exactly, onPage, onScreen, open, shot, signInAs, tap } from './browser';
import { callAs, confirmModal, logCaseAs, PAGES, phonesForFile, runToken, seeToast, todayBeijing } from './steps';

const TREE_PAGE = '/packages/admin/tree/index';
const YEAR = todayBeijing().slice(0, 4);

let a: Page;
phonesForFile(1, async ([adminPhone]) => {
  a = adminPhone.page;
  await signInAs(a, '管理员');
});

afterAll(async () => {
  // Other files expect the demo tree: 北郊社区 back under 城西街道.
  const back = await callAs('demo-admin', 'org', 'move', { unitId: 'cx-bj', parentId: 'cx' });
  if (!back.ok && !/已在/.test(back.error.message)) console.warn(`[e2e] could not move 北郊社区 back: ${back.error.message}`);
  await callAs('demo-admin', 'reporting', 'expected', { unitId: 'sfj', expected: true });
});

async function figures(unitId: string): Promise<{ D1: number; D2: number }> {
  const r = await callAs<SummaryView>('demo-district', 'rollup', 'summary', { unitId, period: YEAR });
  if (!r.ok) throw new Error(r.error.message);
  return { D1: r.data.scope.figures.D1.value, D2: r.data.scope.figures.D2.value };
}

/** 组织架构 from the admin's home tile, the district's townships listed. */
async function openTree(): Promise<void> {
  await open(a, PAGES.home);
  await tap(a, '.tile .tile__title', exactly('组织架构'));
  await onPage(a, TREE_PAGE);
  await onScreen(a, '.tree-row__name', exactly('杏花营镇')).waitFor();
}

async function choose(name: string): Promise<void> {
  await tap(a, '.tree-row__name', exactly(name));
  await onScreen(a, '#unit-actions .section-title', exactly(name)).waitFor();
}

async function expand(unitId: string): Promise<void> {
  await onScreen(a, `#unit-${unitId} .tree-row__toggle`).tap();
}

test('the admin adds a village, renames it and retires it', async () => {
  const name = `新村${runToken('')}`.slice(0, 20);
  await openTree();
  await choose('杏花营镇');
  await tap(a, '#unit-actions .btn', exactly('添加下级'));
  await onScreen(a, '#unit-name input').fill(name);
  await tap(a, '#unit-actions .btn', exactly('添加'));
  await seeToast(a, '已添加');
  await onScreen(a, '.tree-row__name', exactly(name)).waitFor();

  // A name already under 杏花营镇 is refused, in Chinese, next to the form.
  await choose(name);
  await tap(a, '#unit-actions .btn', exactly('改名'));
  await onScreen(a, '#unit-name input').fill('前进村');
  await tap(a, '#unit-actions .btn', exactly('保存名称'));
  await onScreen(a, '#tree-error', '「杏花营镇」下已有名为「前进村」的单位').waitFor();

  await onScreen(a, '#unit-name input').fill(`${name}社区`);
  await tap(a, '#unit-actions .btn', exactly('保存名称'));
  await seeToast(a, '已改名');
  await onScreen(a, '.tree-row__name', exactly(`${name}社区`)).waitFor();
  const tree = await callAs<{ units: Unit[] }>('demo-admin', 'org', 'tree', {});
  expect(tree.ok && tree.data.units.filter((u) => u.name.startsWith(name)).map((u) => [u.name, u.parentId])).toEqual([[`${name}社区`, 'xhy']]);
  await shot(a, 'tree-added-renamed');

  await tap(a, '#unit-actions .btn', exactly('撤销'));
  await confirmModal(a, '撤销');
  await seeToast(a, '已撤销');
  await onScreen(a, '.tree-row--retired .tree-row__kind', exactly('已撤销')).waitFor();
  await onScreen(a, '#unit-actions .btn', exactly('恢复')).waitFor();
});

test('a village with its cases moves to another township; the townships’ figures follow, the district’s stay', async () => {
  await logCaseAs('demo-m-cx-bj', 'cx-bj', '北郊社区邻里纠纷', { amountFen: 123_400 });
  const village = await figures('cx-bj');
  expect(village.D1).toBeGreaterThan(0);
  const before = { cx: await figures('cx'), xrz: await figures('xrz'), sfq: await figures('sfq') };

  await openTree();
  await expand('cx');
  await choose('北郊社区');
  await tap(a, '#unit-actions .btn', exactly('移动'));
  await tap(a, '#move-targets .tree-target', exactly('仙人庄街道'));
  await confirmModal(a, '移动');
  await seeToast(a, '已移动');
  // The page opens the new parent: 北郊社区 is listed under 仙人庄街道.
  await onScreen(a, '#unit-xrz + #unit-cx-bj').waitFor();
  await shot(a, 'tree-moved');

  expect(await figures('cx')).toEqual({ D1: before.cx.D1 - village.D1, D2: before.cx.D2 - village.D2 });
  expect(await figures('xrz')).toEqual({ D1: before.xrz.D1 + village.D1, D2: before.xrz.D2 + village.D2 });
  expect(await figures('sfq')).toEqual(before.sfq);
  expect(await figures('cx-bj')).toEqual(village);
});

test('区司法局 marked 不需报送 leaves the district’s 报送情况, and comes back when restored', async () => {
  const month = `${YEAR}-01`;
  const missing = async () => {
    const r = await callAs<CompletenessView>('demo-district', 'reporting', 'completeness', { unitId: 'sfq', period: month });
    if (!r.ok) throw new Error(r.error.message);
    return { units: r.data.missing.map((m) => m.unitId), expected: r.data.total.expected };
  };
  const before = await missing();
  expect(before.units).toContain('sfj');

  await openTree();
  await choose('区司法局');
  await tap(a, '#unit-actions .btn', exactly('不需报送'));
  await confirmModal(a, '不需报送');
  await seeToast(a, '已设为不需报送');
  await onScreen(a, '#unit-sfj .tree-row__kind', exactly('区直 · 不需报送')).waitFor();
  await shot(a, 'tree-exempt');
  const exempt = await missing();
  expect(exempt.units).not.toContain('sfj');
  expect(exempt.expected).toBe(before.expected - 1);

  await tap(a, '#unit-actions .btn', exactly('恢复报送'));
  await confirmModal(a, '恢复报送');
  await seeToast(a, '已恢复报送');
  await onScreen(a, '#unit-sfj .tree-row__kind', exactly('区直')).waitFor();
  expect(await missing()).toEqual(before);
});
