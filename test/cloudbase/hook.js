'use strict';
/**
 * Preloaded (`node -r test/cloudbase/hook.js`) into a process that runs a built function
 * bundle as CloudBase would: it sends the real @cloudbase/node-sdk's requests to the
 * stand-in served by serve.ts at CLOUDBASE_STANDIN_URL instead of to Tencent Cloud.
 * Plain CommonJS, no dependencies: it runs in CloudBase's Node 16.13 as well as here.
 *
 * Two methods are replaced, nothing else:
 * - `TcbDBApiHttpRequester.prototype.send`: every database request (query encoding,
 *   transactions and result decoding stay the SDK's own);
 * - `tcbapirequester.request`, the CloudBase API call everything else makes: `storage.*`
 *   actions (the metadata call that starts an upload, a download or a temporary URL, see
 *   storage.ts) go to the stand-in, anything else is refused. A file's bytes then go by the
 *   SDK's own HTTP code to the URLs the stand-in answered with.
 *
 * The SDK is resolved from the working directory, as the bundle resolves it: the child must
 * run in the bundle's folder so both patch and use the same copy.
 */
const http = require('http');
const path = require('path');

const base = process.env.CLOUDBASE_STANDIN_URL;
if (!base) throw new Error('hook.js: set CLOUDBASE_STANDIN_URL to the stand-in served by test/cloudbase/serve.ts');

const sdkRoot = path.dirname(require.resolve('@cloudbase/node-sdk/package.json', { paths: [process.cwd()] }));
const sdk = (rel) => require(path.join(sdkRoot, 'dist', rel));
const { TcbDBApiHttpRequester } = sdk('utils/tcbdbapirequester');
const apiRequester = sdk('utils/tcbapirequester');
const { E, processReturn } = sdk('utils/utils');
const { SYMBOL_CURRENT_ENV } = sdk('const/symbol');

const agent = new http.Agent({ keepAlive: true });

function post(route, payload) {
  const bytes = Buffer.from(JSON.stringify(payload));
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${route}`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': bytes.length } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) return reject(new Error(`stand-in ${route}: HTTP ${res.statusCode} ${text}`));
          try {
            resolve(JSON.parse(text));
          } catch (err) {
            reject(err);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(bytes);
  });
}

TcbDBApiHttpRequester.prototype.send = async function send(api, data) {
  // As deployed, a function signs with the platform's temporary keys and their session token,
  // which only `tcb.init({ env: SYMBOL_CURRENT_ENV })` without explicit keys does.
  if (this.config.envName !== SYMBOL_CURRENT_ENV || this.config.secretId) {
    throw new Error('hook.js: a deployed function must init with { env: SYMBOL_CURRENT_ENV } and no explicit keys');
  }
  const { result, error } = await post('/db', { api, data });
  if (error) throw E(error);
  // What tcbapirequester.request() does with a coded response: throw the SDK's TcbError.
  return result && result.code ? processReturn(result) : result;
};

apiRequester.request = async function request(args) {
  const action = args && args.params && args.params.action;
  // Nothing leaves the machine: what the stand-in does not model fails loudly.
  if (typeof action !== 'string' || !action.startsWith('storage.')) throw new Error(`hook.js: the stand-in does not model ${action}`);
  const { result } = await post('/storage', { action, params: args.params });
  // As the SDK's request does: an answer carrying a code is an error.
  return result && result.code ? processReturn(result) : result;
};
