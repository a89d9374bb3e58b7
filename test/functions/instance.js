'use strict';
/**
 * One function instance, as CloudBase runs it: this process (Node 16.13, started in the
 * function's folder with test/cloudbase/hook.js preloaded) loads the built `index.js` once and
 * answers each call the test sends over IPC with what `main(event, context)` resolves to.
 * Plain CommonJS: it runs in Node 16 as the bundle does.
 *
 * The context is the platform's: `environment` a JSON string of the WeChat caller's keys
 * (WX_OPENID, …, WX_CONTEXT_KEYS naming them), which `tcb.getCloudbaseContext` reads.
 */
const path = require('path');

const fn = require(path.join(process.cwd(), 'index.js'));
let requestNo = 0;

function contextFor(openid) {
  requestNo += 1;
  const wx = openid ? { WX_OPENID: openid, WX_APPID: 'wxstandin00000000', WX_UNIONID: '' } : {};
  return {
    request_id: `standin-request-${requestNo}`,
    function_name: path.basename(process.cwd()),
    function_version: '$LATEST',
    namespace: process.env.SCF_NAMESPACE,
    memory_limit_in_mb: 256,
    time_limit_in_ms: 60000,
    environment: JSON.stringify({ ...wx, WX_CONTEXT_KEYS: Object.keys(wx).join(','), TCB_CONTEXT_KEYS: '' }),
  };
}

process.on('message', (msg) => {
  if (msg.type === 'usage') {
    process.send({ id: msg.id, maxRssKb: process.resourceUsage().maxRSS, node: process.version });
    return;
  }
  Promise.resolve()
    .then(() => fn.main(msg.event, contextFor(msg.openid)))
    .then(
      (result) => process.send({ id: msg.id, result }),
      (err) => process.send({ id: msg.id, thrown: String((err && err.stack) || err) }),
    );
});

process.send({ ready: true, node: process.version });
