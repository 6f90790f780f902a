// The official openai JavaScript SDK against a running `hybench route` (streaming and not): what the SDK
// hands back, and the route headers the raw response carries. Environment: SDK_ROUTE_URL (the router),
// SDK_ROUTE_KEPT_PROMPT and SDK_ROUTE_ESCALATED_PROMPT (a prompt the spec keeps local and one it escalates).
// HybridRouteSdkCheckTest starts the emulators and the router, and sets them.
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (HybridRouteSdkCheckTest sets it)`);
  return v;
};
const client = new OpenAI({ baseURL: env('SDK_ROUTE_URL') + '/v1', apiKey: 'sdk-check', maxRetries: 0 });
const cases = [['kept', env('SDK_ROUTE_KEPT_PROMPT'), 'local'], ['escalated', env('SDK_ROUTE_ESCALATED_PROMPT'), 'escalated']];
const ANSWER = /(^|\n)Answer: [^\n]+\nConfidence: \d+$/;

let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log(`ok    ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL  ${name}\n      ${String(e?.stack ?? e).split('\n').slice(0, 4).join('\n      ')}`);
  }
}

await check('openai models.list', async () => {
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  assert.deepEqual(ids, ['hybrid']);
});

for (const [what, prompt, route] of cases) {
  await check(`openai chat ${what}, not streamed`, async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'hybrid', messages: [{ role: 'user', content: prompt }] }).withResponse();
    assert.equal(response.headers.get('x-hybench-route'), route);
    assert.ok(Number(response.headers.get('x-hybench-decision-us')) >= 0);
    assert.equal(data.object, 'chat.completion');
    assert.match(data.choices[0].message.content, ANSWER);
    assert.equal(data.choices[0].finish_reason, 'stop');
    assert.ok(data.usage.completion_tokens > 0);
  });
  await check(`openai chat ${what}, streamed with usage`, async () => {
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'hybrid', messages: [{ role: 'user', content: prompt }], stream: true, stream_options: { include_usage: true } })
      .withResponse();
    assert.equal(response.headers.get('x-hybench-route'), route);
    let text = '';
    let usage = null;
    let finish = null;
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      const c = chunk.choices[0];
      if (c?.delta?.content) text += c.delta.content;
      if (c?.finish_reason) finish = c.finish_reason;
    }
    assert.match(text, ANSWER);
    assert.equal(finish, 'stop');
    assert.ok(usage.completion_tokens > 0);
  });
}

await check('openai bad request is a BadRequestError', async () => {
  const e = await client.chat.completions.create({ model: 'hybrid', messages: [] }).then(() => null, (err) => err);
  assert.ok(e instanceof OpenAI.BadRequestError, String(e));
  assert.equal(e.status, 400);
  assert.match(e.message, /messages/);
});

console.log(failed === 0 ? 'route check: all passed' : `route check: ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
