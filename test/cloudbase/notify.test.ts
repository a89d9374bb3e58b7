/**
 * The WeChat push adapter through the real @cloudbase/node-sdk: `callWxOpenApi`'s one CloudBase API
 * call (`tcbapirequester.request`, action `wx.api`) is answered here as WeChat answers
 * subscribeMessage.send, so the request the SDK builds from ours is what is checked.
 */
import { pushTemplatesOf, WechatNotifier } from '../../cloudfunctions/core/platform/adapters/notify-wechat';
import { deployConfig } from '../../scripts/build-functions';
import type { PushMessage } from '../../types/notify';
import { standInApp } from './standin';

// The SDK's internal module, not in its types: the one method the hook replaces too.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const apiRequester = require('@cloudbase/node-sdk/dist/utils/tcbapirequester') as { request: (args: { params: Record<string, string> }) => Promise<unknown> };

const TEMPLATES = pushTemplatesOf(JSON.stringify({ remind: { id: 'tmpl-remind', keys: { item: 'thing1', due: 'time2', note: 'thing3' } } }));
const MESSAGE: PushMessage = {
  kind: 'remind',
  page: 'pages/index/index',
  fields: { item: '2025年3月人民调解统计', due: '2025年4月25日', note: '赵所长(杏花营镇司法所)提醒您按时上报,本月无纠纷也请上报' },
};

let calls: Record<string, string>[];
let answer: unknown;
const original = apiRequester.request;
beforeEach(() => {
  calls = [];
  answer = { requestId: 'r1', data: { responseData: JSON.stringify({ errcode: 0, errmsg: 'ok', msgid: 1 }) } };
  apiRequester.request = async ({ params }) => {
    calls.push(params);
    return answer;
  };
});
afterAll(() => {
  apiRequester.request = original;
});

test('sends subscribeMessage.send with the template’s keys, values cut to what WeChat takes', async () => {
  const wechat = new WechatNotifier(standInApp(), TEMPLATES);
  expect(wechat.templateOf('remind')).toBe('tmpl-remind');
  expect(await wechat.push('openid-of-li', MESSAGE)).toBe(true);
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ action: 'wx.api', apiName: '/cgi-bin/message/subscribe/send' });
  expect(JSON.parse(calls[0].requestData)).toEqual({
    touser: 'openid-of-li',
    template_id: 'tmpl-remind',
    page: 'pages/index/index',
    data: {
      thing1: { value: '2025年3月人民调解统计' },
      time2: { value: '2025年4月25日' },
      // thing: at most 20 characters.
      thing3: { value: '赵所长(杏花营镇司法所)提醒您按时上报…' },
    },
  });
  expect([...'赵所长(杏花营镇司法所)提醒您按时上报…'].length).toBe(20);
});

test('a refusal (43101: no acceptance left) or a failed call is false, not an error', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const wechat = new WechatNotifier(standInApp(), TEMPLATES);
  answer = { requestId: 'r2', data: { responseData: JSON.stringify({ errcode: 43101, errmsg: 'user refuse to accept the msg' }) } };
  expect(await wechat.push('openid-of-li', MESSAGE)).toBe(false);
  answer = { requestId: 'r3', code: 'SYS_ERR', message: 'boom' };
  expect(await wechat.push('openid-of-li', MESSAGE)).toBe(false);
  expect(warn.mock.calls.map(([line]) => String(line).replace(/ to .*refused/, ' refused'))).toEqual([
    '[push] remind refused: 43101 user refuse to accept the msg',
    '[push] remind refused: SYS_ERR boom',
  ]);
  warn.mockRestore();
});

test('no template configured: nothing offered, nothing sent', async () => {
  const wechat = new WechatNotifier(standInApp(), pushTemplatesOf(undefined));
  expect(wechat.templateOf('remind')).toBeUndefined();
  expect(await wechat.push('openid-of-li', MESSAGE)).toBe(false);
  expect(calls).toEqual([]);
});

test('a malformed FAZHI_PUSH_TEMPLATES stops at start', () => {
  expect(() => pushTemplatesOf('{"remind":{"id":""}}')).toThrow();
  expect(() => pushTemplatesOf('not json')).toThrow();
});

test('deploy gives the pushing functions (reporting, dispute) FAZHI_PUSH_TEMPLATES with both kinds, and refuses a malformed one', () => {
  const keys = { item: 'thing1', due: 'time2', note: 'thing3' };
  const json = JSON.stringify({ remind: { id: 'tmpl-remind', keys }, flag: { id: 'tmpl-flag', keys } });
  const withEnv = deployConfig('env-1', json).functions.filter((f) => 'envVariables' in f);
  expect(withEnv.map((f) => f.name).sort()).toEqual(['dispute', 'reporting']);
  for (const f of withEnv) expect(f).toMatchObject({ envVariables: { FAZHI_PUSH_TEMPLATES: json } });
  expect(() => deployConfig('env-1', JSON.stringify({ flag: { id: 'tmpl-flag' } }))).toThrow();
  expect(deployConfig('env-1', undefined).functions.some((f) => 'envVariables' in f)).toBe(false);
  expect(() => deployConfig('env-1', '{"remind":{}}')).toThrow();
});
