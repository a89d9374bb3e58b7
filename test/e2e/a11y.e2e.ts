/**
 * The accessibility walk (issue 16): every page of the browser build, as every demo role that
 * reaches it, at 390×844 and 360×640, measured in the page: text ≥ 17 px (secondary text ≥ 15 px),
 * tap targets ≥ 48×48 px, and text contrast ≥ 4.5:1 (axe-core's color-contrast rule; 3:1 for
 * large text, as WCAG AA says). Also the states users meet: a form after a failed submit or a
 * refused entry, an empty list, a confirm dialog, 我的台账 offline with a case waiting and with one
 * the back end refused. Each role's walk fails listing every violation found
 * (page · viewport · element · text · measured value).
 *
 * One browser for the file; each page is loaded once per role and measured at both sizes
 * (Taro's H5 root font follows the window, so a resize re-lays the page out as a narrower phone).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Training } from '../../types/training';
import { exactly, onPage, onScreen, open, shot, signInAs, tap } from './browser';
import { callAs, confirmModal, cutNetwork, fillCase, interceptCalls, logCaseAs, phonesForFile, restoreNetwork, runToken, todayBeijing, PAGES } from './steps';

const AXE = require.resolve('axe-core/axe.min.js');
const REPORT = path.join(__dirname, '..', '..', 'test-results', 'a11y-violations.txt');
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 360, height: 640 },
];

/**
 * Secondary text, held to 15 px: meta lines, hints, badges and the like, by class. Everything
 * else that shows text is body text, held to 17 px.
 */
const SECONDARY = ['.muted', '.badge', '[class*="__hint"]', '[class*="__meta"]', '.figure__exact', '.qr__url'].join(',');

/**
 * What a finger taps: buttons, chips, fields, links, Taro's title-bar icons, and any element the
 * app gave a click handler (React keeps an element's props on it, so they are found without
 * marking them by hand).
 */
const TARGETS = [
  'button',
  '[role=button]',
  'taro-button-core',
  '.chip',
  'a[href]',
  'input:not([type=hidden]):not([type=file])',
  'textarea',
  '.taro-navigation-bar-back',
  '.taro-navigation-bar-home',
  '.taro-model__btn',
].join(',');

interface Violation {
  kind: 'font' | 'target' | 'contrast' | 'overflow';
  where: string;
  text: string;
  value: string;
}

/**
 * The in-page measurement, as a string (the test runner's transpiler may add helpers to a
 * function, which the page does not have). Answers the font and target violations on screen.
 */
const MEASURE = `(() => {
  const SECONDARY = ${JSON.stringify(SECONDARY)};
  const TARGETS = ${JSON.stringify(TARGETS)};
  const out = [];
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  };
  const describe = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement) {
      if (e.classList.contains('taro_page')) break;
      const cls = Array.from(e.classList).filter((c) => !c.startsWith('hydrated')).slice(0, 2).map((c) => '.' + c).join('');
      parts.unshift(e.id ? '#' + e.id : e.tagName.toLowerCase() + cls);
      if (e.id) break;
    }
    return parts.join(' > ');
  };
  const ownText = (el) => Array.from(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
  const clickHandler = (el) => {
    const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
    const props = key ? el[key] : undefined;
    return !!props && (typeof props.onClick === 'function' || typeof props.onTap === 'function');
  };
  const field = 'input:not([type=hidden]):not([type=file]):not([type=checkbox]):not([type=radio]), textarea';
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg, style, script, noscript')) continue;
    const text = ownText(el);
    const isField = el.matches(field);
    const isTarget = el.matches(TARGETS) || clickHandler(el);
    if (!text && !isField && !isTarget) continue;
    if (!shown(el)) continue;
    const label = (text || el.getAttribute('placeholder') || el.value || el.innerText || '').trim().slice(0, 24);
    if (text || isField) {
      const size = parseFloat(getComputedStyle(el).fontSize);
      const min = el.closest(SECONDARY) ? 15 : 17;
      if (size < min - 0.01) out.push({ kind: 'font', where: describe(el), text: label, value: size.toFixed(1) + 'px < ' + min + 'px' });
    }
    if (isTarget) {
      const r = el.getBoundingClientRect();
      if (r.width < 47.99 || r.height < 47.99) {
        out.push({ kind: 'target', where: describe(el), text: label, value: r.width.toFixed(1) + '×' + r.height.toFixed(1) + 'px < 48×48' });
      }
    }
  }
  // Larger text must not push the page sideways: a page wider than the window hides its right edge.
  const shownPage = Array.from(document.querySelectorAll('.taro_page')).find((el) => getComputedStyle(el).display !== 'none');
  if (shownPage && shownPage.scrollWidth > window.innerWidth + 1) {
    const clipped = (el) => {
      for (let e = el.parentElement; e && e !== shownPage; e = e.parentElement) if (getComputedStyle(e).overflowX !== 'visible') return true;
      return false;
    };
    const wide = Array.from(shownPage.querySelectorAll('*')).filter((el) => shown(el) && el.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(el));
    out.push({ kind: 'overflow', where: wide.slice(0, 3).map(describe).join(' ; '), text: '', value: 'page ' + shownPage.scrollWidth + 'px wide in a ' + window.innerWidth + 'px window' });
  }
  return out;
})()`;

/** axe-core's color-contrast rule on what is on screen (hidden Taro pages are display:none, skipped by axe). */
const CONTRAST = `(async () => {
  const res = await window.axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] });
  return res.violations.flatMap((v) => v.nodes.map((n) => {
    const d = (n.any[0] && n.any[0].data) || {};
    return {
      kind: 'contrast',
      where: n.target.join(' '),
      text: (n.html || '').replace(/<[^>]*>/g, '').trim().slice(0, 24),
      value: d.fgColor + ' on ' + d.bgColor + ' ' + d.contrastRatio + ':1 < ' + d.expectedContrastRatio,
    };
  }));
})()`;

/** Nothing on screen still loading: no call to the functions in flight, no '加载中…' or '正在…' shown. */
const QUIET = `(() => {
  const page = Array.from(document.querySelectorAll('.taro_page')).find((el) => getComputedStyle(el).display !== 'none');
  if (!page || !page.querySelector('*')) return false;
  return !/加载中|正在生成|正在读取/.test(page.innerText);
})()`;

let page: Page;
let inFlight = 0;
phonesForFile(1, ([phone]) => {
  page = phone.page;
  const isFn = (url: string) => url.includes('/fn/');
  page.on('request', (r) => isFn(r.url()) && inFlight++);
  page.on('requestfinished', (r) => isFn(r.url()) && inFlight--);
  page.on('requestfailed', (r) => isFn(r.url()) && inFlight--);
});

/** Waits until the page has loaded what it shows: its data answered, its loading states gone. */
async function settle(): Promise<void> {
  const deadline = Date.now() + 15_000;
  let quietChecks = 0;
  while (quietChecks < 2) {
    if (Date.now() > deadline) throw new Error(`${page.url()} did not finish loading`);
    const quiet = inFlight === 0 && (await page.evaluate(QUIET));
    quietChecks = quiet ? quietChecks + 1 : 0;
    // Two frames between checks: a page's effects start its calls after it first paints.
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  }
  await page.evaluate('document.fonts.ready.then(() => true)');
  // A dialog or toast fading in is measured once shown in full, not half transparent.
  await page.waitForFunction(`document.getAnimations().every((a) => a.playState !== 'running' || a.effect.getTiming().iterations === Infinity)`);
}

/** Taro's H5 root font for a window `w` wide (its inline script: 40·w/750, kept within 20–40 px). */
const rootFont = (w: number, h: number) => `${Math.min(40, Math.max(20, (40 * Math.min(w, h)) / 750))}px`;

/** Measures what is on screen now at both phone sizes; answers the violations, each labelled. */
async function measure(where: string): Promise<string[]> {
  if (!(await page.evaluate('!!window.axe'))) await page.addScriptTag({ path: AXE });
  const found: string[] = [];
  for (const vp of VIEWPORTS) {
    await page.setViewportSize(vp);
    const font = rootFont(vp.width, vp.height);
    await page.waitForFunction((f) => document.documentElement.style.fontSize === f, font);
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    const violations = [...((await page.evaluate(MEASURE)) as Violation[]), ...((await page.evaluate(CONTRAST)) as Violation[])];
    for (const v of violations) found.push(`${where} · ${vp.width}×${vp.height} · ${v.kind} · ${v.where} · "${v.text}" · ${v.value}`);
  }
  everything.push(...found);
  await page.setViewportSize(VIEWPORTS[0]);
  measured++;
  return found;
}

/** A stop on the walk: a page (with its query), and optionally a state of it a user brings about there. */
interface Stop {
  name: string;
  path: string | (() => string);
  /** Something on screen once the page has its content. */
  ready?: string;
  /** Brings about a further state to measure (a failed submit, a dialog), after the page as loaded. */
  state?: { name: string; act: () => Promise<void> };
}

let measured = 0;
/** Every violation of the run, also written to test-results/a11y-violations.txt for reading whole. */
const everything: string[] = [];

/** Measures the page once it has settled, as `role · name`, and keeps a screenshot of it. */
async function measureSettled(role: string, name: string): Promise<string[]> {
  await settle();
  const found = await measure(`${role} · ${name}`);
  await shot(page, `a11y-${role}-${name}`);
  return found;
}

/** Opens each stop, measures it (and its extra state), and answers every violation. */
async function walk(role: string, stops: Stop[]): Promise<string[]> {
  const found: string[] = [];
  for (const stop of stops) {
    const to = typeof stop.path === 'function' ? stop.path() : stop.path;
    await open(page, to);
    await onPage(page, to.split('?')[0]);
    if (stop.ready) await onScreen(page, stop.ready).first().waitFor();
    found.push(...(await measureSettled(role, stop.name)));
    if (stop.state) {
      await stop.state.act();
      found.push(...(await measureSettled(role, `${stop.name}-${stop.state.name}`)));
    }
  }
  return found;
}

/** Taps the form's submit button with nothing filled in and waits for the errors beside the fields. */
const failedSubmit = (button: string, text?: RegExp) => ({
  name: '提交失败',
  act: async () => {
    await onScreen(page, button, text).first().tap();
    await onScreen(page, '.field__error').first().waitFor();
  },
});

// What the walk opens by id: a case of the mediator's, and a session of today's with its check-in code.
const summary = runToken('无障碍');
let caseId = '';
let sessionId = '';
let checkinPath = '';
let personId = '';

beforeAll(async () => {
  caseId = (await logCaseAs('demo-mediator', 'xhy-qj', `邻里纠纷${summary}`))._id;
  sessionId = runToken('a11y');
  const saved = await callAs<Training>('demo-trainer', 'training', 'save', {
    id: sessionId, unitId: 'xhy', category: '“法律明白人”培训', date: todayBeijing(), topic: `普法${summary}`, trainer: '王培训', place: '村委会', hours: 2,
  });
  if (!saved.ok) throw new Error(saved.error.message);
  const roster = await callAs<{ items: { _id: string }[] }>('demo-trainer', 'person', 'roster', {});
  if (!roster.ok || !roster.data.items.length) throw new Error('no one on the seeded roster');
  personId = roster.data.items[0]._id;
});

const home: Stop = { name: '首页', path: PAGES.home, ready: '.who__name' };
const caseStops: Stop[] = [
  { name: '案件', path: () => `${PAGES.disputeDetail}?id=${caseId}`, ready: '.kv__k' },
];
const rosterStops = (records: boolean): Stop[] => [
  { name: '名册', path: PAGES.roster, ready: '.tick-row' },
  { name: '人员', path: () => `${PAGES.personForm}?id=${personId}` },
  ...(records ? [{ name: '添加人员', path: PAGES.personForm, ready: '#save-person', state: failedSubmit('#save-person') }] : []),
];
const trainingStops: Stop[] = [
  { name: '培训', path: PAGES.trainingList, ready: '#new-training' },
  { name: '登记培训', path: PAGES.trainingForm, ready: '#save-training', state: failedSubmit('#save-training') },
  {
    name: '培训会',
    path: () => `${PAGES.trainingSession}?id=${sessionId}`,
    ready: '#attendee-count',
    state: {
      name: '删除确认',
      act: async () => {
        await tap(page, '.btn', '删除');
        await onScreen(page, '.taro-modal__content').first().waitFor();
      },
    },
  },
];
const publicityStops: Stop[] = [
  { name: '宣传活动', path: PAGES.publicityList, ready: '#new-publicity' },
  { name: '登记宣传活动', path: PAGES.publicityForm, ready: '#save-publicity', state: failedSubmit('#save-publicity') },
];
const viewerStops: Stop[] = [
  { name: '汇总', path: PAGES.summary, ready: '#figure-D1' },
  { name: '记录明细', path: `${PAGES.records}?unitId=xhy&period=${todayBeijing().slice(0, 4)}&metric=D1&name=${encodeURIComponent('杏花营镇')}`, ready: '.page' },
  { name: '年度报告', path: PAGES.report, ready: '.page' },
  { name: '统计报表', path: PAGES.stats, ready: '.page' },
];
const accountStops: Stop[] = [
  { name: '导入台账', path: PAGES.ledgerImport, ready: '#pick-ledger' },
  { name: '邀请成员', path: PAGES.invite, ready: '#invite-create' },
  { name: '用户管理', path: PAGES.users, ready: '.page' },
];
const supervisorStops: Stop[] = [
  home,
  ...rosterStops(false),
  ...viewerStops,
  { name: '报送审核', path: PAGES.review, ready: '.page' },
  ...accountStops,
  ...caseStops,
  { name: '培训会', path: () => `${PAGES.trainingSession}?id=${sessionId}`, ready: '#attendee-count' },
];

async function signedInWalk(role: string, pick: string, stops: Stop[]): Promise<void> {
  await signInAs(page, pick);
  const found = await walk(role, stops);
  expect(found).toEqual([]);
}

const WALK_TIMEOUT = 120_000;

/**
 * The outbox as a mediator with no signal meets it: a case logged offline waits (the banner, its
 * row) on 我的台账 reloaded offline (the 离线 notice); back online the back end refuses it (the
 * refused row, then the form reopened with why). The case is given up at the end, so the walk's
 * later pages are as they are without it.
 */
async function outboxStates(): Promise<string[]> {
  const token = runToken('待上传');
  const found: string[] = [];
  const measureAs = async (name: string) => found.push(...(await measureSettled('调解员', name)));
  // 我的台账 read once with signal: what the phone keeps to show offline.
  await open(page, PAGES.myLedger);
  await onScreen(page, '#ledger-total').waitFor();
  await settle();
  await open(page, PAGES.disputeForm);
  await onScreen(page, '#acceptedDate').waitFor();
  await cutNetwork(page);
  await fillCase(page, { type: '邻里', summary: `${token} 院墙` });
  await tap(page, '.btn', exactly('提交'));
  await onPage(page, PAGES.myLedger);
  await page.reload();
  await onPage(page, PAGES.myLedger);
  await onScreen(page, '.offline-notice').first().waitFor();
  await onScreen(page, '.waiting', token.slice(0, 14)).waitFor();
  await measureAs('我的台账 · 离线待上传');
  // Its 受理 date reads on one line (it broke at a hyphen here).
  await expect(onScreen(page, '.waiting .nowrap', todayBeijing()).evaluate((el) => el.getClientRects().length)).resolves.toBe(1);

  await interceptCalls(page, 'dispute', 'save', (route) => route.fulfill({ json: { ok: false, error: { code: 'INVALID', message: '纠纷类型不在本区列表中' } } }));
  await restoreNetwork(page);
  await tap(page, '.outbox__row', '点此重试');
  await onScreen(page, '.outbox__refused').first().waitFor();
  await measureAs('我的台账 · 上传被拒');
  await page.unroute('**/fn/dispute');
  await tap(page, '.outbox__refused .link', exactly('重新编辑'));
  await onScreen(page, '#refused-notice').waitFor();
  await measureAs('登记纠纷 · 被拒后重新编辑');
  await tap(page, '.btn', exactly('放弃这条记录'));
  await confirmModal(page, '放弃');
  await onPage(page, PAGES.myLedger);
  return found;
}

test('not signed in: the sign-in picker, an invitation page, the check-in page a session code opens', async () => {
  const found = await walk('未登录', [
    { name: '登录', path: PAGES.signIn, ready: '.tile' },
    { name: '邀请', path: `${PAGES.join}?code=none` },
  ]);
  expect(found).toEqual([]);
}, WALK_TIMEOUT);

test('调解员 李调解: home, 登记纠纷 (and its errors), 我的台账 (an empty search, offline with a case waiting, the case refused), a case, 排查 (and its errors), 名册, 宣传活动', async () => {
  await signInAs(page, '李调解');
  const found = await outboxStates();
  found.push(...(await walk('调解员', [
    home,
    {
      name: '登记纠纷',
      path: PAGES.disputeForm,
      ready: '#acceptedDate',
      // A date after today: refused, with the error beside 受理日期.
      state: {
        name: '提交失败',
        act: async () => {
          await fillCase(page, { acceptedDate: '2099-01-01', summary: `未来日期${summary}` });
          await failedSubmit('.btn', exactly('提交')).act();
        },
      },
    },
    {
      name: '我的台账',
      path: PAGES.myLedger,
      ready: '#ledger-total',
      state: {
        name: '查无结果',
        act: async () => {
          await onScreen(page, '.search input').first().fill(runToken('查无'));
          await onScreen(page, '.search input').first().press('Enter');
          await onScreen(page, '#ledger-total', /找到\s*0\s*件/).waitFor();
        },
      },
    },
    ...caseStops,
    { name: '排查', path: PAGES.screeningList, ready: '#new-screening' },
    {
      name: '登记排查',
      path: PAGES.screeningForm,
      ready: '#save-screening',
      state: {
        name: '输入有误',
        act: async () => {
          await onScreen(page, '#screening-found input').fill('1.5');
          await onScreen(page, '.field__error').first().waitFor();
        },
      },
    },
    ...rosterStops(true),
    ...publicityStops,
  ])));
  expect(found).toEqual([]);
}, WALK_TIMEOUT);

test('培训员 王培训: 培训, 登记培训 (and its errors), a session (and its delete dialog), its check-in page, 名册, 宣传活动', async () => {
  await signInAs(page, '王培训');
  const found = await walk('培训员', [home, ...trainingStops, ...rosterStops(true), ...publicityStops]);
  // The check-in page, by the session's own code as an attendee's phone opens it.
  await open(page, `${PAGES.trainingSession}?id=${sessionId}`);
  checkinPath = (await onScreen(page, '#checkin-url').first().innerText()).trim().replace(/^[^#]*#/, '');
  found.push(...(await walk('参会人员', [{ name: '扫码签到', path: checkinPath, ready: '#checkin-submit', state: failedSubmit('#checkin-submit') }])));
  expect(found).toEqual([]);
}, WALK_TIMEOUT);

test('司法所 赵所长: 名册, 汇总, 记录明细, 年度报告, 统计报表, 报送审核, 导入, 邀请, 用户, a case, a session', async () => {
  await signedInWalk('司法所', '赵所长', supervisorStops);
}, WALK_TIMEOUT);

test('区司法局 陈科长: the same pages over the whole district', async () => {
  await signedInWalk('区司法局', '陈科长', supervisorStops);
}, WALK_TIMEOUT);

test('管理员: 培训, 名册, 宣传活动, 汇总 and reports, 导入, 区级设置, 组织架构, 邀请, 用户', async () => {
  await signedInWalk('管理员', '管理员', [
    home,
    ...trainingStops,
    ...rosterStops(true),
    ...publicityStops,
    ...viewerStops,
    ...accountStops,
    { name: '区级设置', path: PAGES.settings, ready: '.page' },
    { name: '组织架构', path: PAGES.tree, ready: '.page' },
  ]);
}, WALK_TIMEOUT);

afterAll(() => {
  fs.mkdirSync(path.dirname(REPORT), { recursive: true });
  fs.writeFileSync(REPORT, everything.join('\n') + '\n');
  // eslint-disable-next-line no-console
  console.log(`accessibility walk: ${measured} page states × ${VIEWPORTS.length} sizes, ${everything.length} violations (${REPORT})`);
});
