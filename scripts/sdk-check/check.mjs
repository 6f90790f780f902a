// Runs the official JavaScript SDKs (ollama, openai, @anthropic-ai/sdk) against running `hybench emulate`
// servers and checks what each SDK hands back: text, usage/eval counts, finish reasons, typed errors.
// Base URLs come from the environment (scripts/sdk-check/run starts the servers and sets them).
import assert from 'node:assert/strict';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (start the emulators with scripts/sdk-check/run)`);
  return v;
};
const OLLAMA = env('SDK_CHECK_OLLAMA_URL');
const VLLM = env('SDK_CHECK_VLLM_URL');
const CLOUD = env('SDK_CHECK_CLOUD_URL');
const OVERLOADED = env('SDK_CHECK_OVERLOADED_URL');

const OLLAMA_MODEL = 'llama3.1:8b';
const VLLM_MODEL = 'meta-llama/Llama-3.1-8B-Instruct';
const CLOUD_MODEL = 'frontier-model-2026';
const user = (content) => [{ role: 'user', content }];
// SDKs retry 429/5xx by default; the check wants the first answer
const openai = (baseURL) => new OpenAI({ baseURL, apiKey: 'sdk-check', maxRetries: 0 });
const anthropic = (baseURL) => new Anthropic({ baseURL, apiKey: 'sdk-check', maxRetries: 0 });
// 120,000 bytes is about 30,000 prompt tokens: over the sdk-cloud profile's 20,000 tokens per minute
const HUGE_PROMPT = 'lorem ipsum '.repeat(10_000);

const results = [];
async function check(name, fn) {
  const started = performance.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok    ${name} (${Math.round(performance.now() - started)} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL  ${name}\n      ${String(e?.stack ?? e).split('\n').slice(0, 4).join('\n      ')}`);
  }
}

async function rejects(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new assert.AssertionError({ message: 'expected the call to fail' });
}

/** The number of streamed text pieces is the generated token count, give or take the end-of-sequence token. */
function assertCountsPieces(count, pieces, what) {
  assert.ok(count >= pieces && count <= pieces + 1, `${what} ${count} vs ${pieces} streamed pieces`);
}

// ---- ollama ----
const ollama = new Ollama({ host: OLLAMA });

await check('ollama list/version', async () => {
  const tags = await ollama.list();
  assert.equal(tags.models[0].name, OLLAMA_MODEL);
  assert.match((await ollama.version()).version, /^\d+\.\d+\.\d+/);
});

await check('ollama chat (non-streaming)', async () => {
  const r = await ollama.chat({ model: OLLAMA_MODEL, messages: user('Why is the sky blue?'), stream: false });
  assert.equal(r.message.role, 'assistant');
  assert.ok(r.message.content.length > 0);
  assert.equal(r.done, true);
  assert.equal(r.done_reason, 'stop');
  assert.ok(r.prompt_eval_count > 0 && r.eval_count > 0);
  assert.ok(r.eval_duration > 0 && r.total_duration >= r.eval_duration + r.prompt_eval_duration);
});

await check('ollama chat (streaming) with num_predict', async () => {
  let pieces = 0;
  let text = '';
  let last;
  for await (const part of await ollama.chat({ model: OLLAMA_MODEL, messages: user('Count.'), stream: true, options: { num_predict: 5 } })) {
    if (part.message.content) pieces++;
    text += part.message.content;
    last = part;
  }
  assert.ok(text.length > 0);
  assert.equal(last.done, true);
  assert.equal(last.done_reason, 'length');
  assert.equal(last.eval_count, 5);
  assertCountsPieces(last.eval_count, pieces, 'eval_count');
});

await check('ollama generate (streaming) returns context', async () => {
  let pieces = 0;
  let last;
  for await (const part of await ollama.generate({ model: OLLAMA_MODEL, prompt: 'Hello', stream: true })) {
    if (part.response) pieces++;
    last = part;
  }
  assert.equal(last.done, true);
  assert.ok(Array.isArray(last.context) && last.context.length > 0);
  assertCountsPieces(last.eval_count, pieces, 'eval_count');
});

await check('ollama ps shows the loaded model', async () => {
  const ps = await ollama.ps();
  assert.equal(ps.models[0].name, OLLAMA_MODEL);
  assert.ok(new Date(ps.models[0].expires_at).getTime() > Date.now());
});

await check('ollama unknown model is a ResponseError 404', async () => {
  const e = await rejects(ollama.chat({ model: 'no-such-model', messages: user('hi') }));
  assert.equal(e.name, 'ResponseError');
  assert.equal(e.status_code, 404);
  assert.match(e.message, /not found/);
});

await check('openai SDK against Ollama /v1 (streaming, include_usage)', async () => {
  const stream = await openai(`${OLLAMA}/v1`).chat.completions.create({
    model: OLLAMA_MODEL, messages: user('Hi'), stream: true, stream_options: { include_usage: true } });
  let pieces = 0;
  let usage;
  let finish;
  for await (const chunk of stream) {
    if (chunk.choices[0]?.delta?.content) pieces++;
    if (chunk.choices[0]?.finish_reason) finish = chunk.choices[0].finish_reason;
    if (chunk.usage) usage = chunk.usage;
  }
  assert.equal(finish, 'stop');
  assertCountsPieces(usage.completion_tokens, pieces, 'completion_tokens');
  assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
});

// ---- openai against vLLM ----
const vllm = openai(`${VLLM}/v1`);

await check('openai models.list (vLLM)', async () => {
  const models = [];
  for await (const m of vllm.models.list()) models.push(m.id);
  assert.deepEqual(models, [VLLM_MODEL]);
});

await check('openai chat (non-streaming, vLLM)', async () => {
  const r = await vllm.chat.completions.create({ model: VLLM_MODEL, messages: user('Why is the sky blue?') });
  assert.ok(r.id.startsWith('chatcmpl-'));
  assert.equal(r.choices[0].message.role, 'assistant');
  assert.ok(r.choices[0].message.content.length > 0);
  assert.equal(r.choices[0].finish_reason, 'stop');
  assert.ok(r.usage.prompt_tokens > 0 && r.usage.completion_tokens > 0);
  assert.equal(r.usage.total_tokens, r.usage.prompt_tokens + r.usage.completion_tokens);
});

await check('openai chat (streaming, max_tokens, vLLM)', async () => {
  const stream = await vllm.chat.completions.create({
    model: VLLM_MODEL, messages: user('Count.'), max_tokens: 5, stream: true, stream_options: { include_usage: true } });
  let text = '';
  let usage;
  let finish;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? '';
    if (chunk.choices[0]?.finish_reason) finish = chunk.choices[0].finish_reason;
    if (chunk.usage) usage = chunk.usage;
  }
  assert.ok(text.length > 0);
  assert.equal(finish, 'length');
  assert.equal(usage.completion_tokens, 5);
});

await check('openai completions (legacy, vLLM)', async () => {
  const r = await vllm.completions.create({ model: VLLM_MODEL, prompt: 'Once upon a time', max_tokens: 4 });
  assert.ok(r.choices[0].text.length > 0);
  assert.equal(r.choices[0].finish_reason, 'length');
  assert.equal(r.usage.completion_tokens, 4);
});

// ---- cloud: openai and anthropic ----
const cloudOpenAi = openai(`${CLOUD}/v1`);
const cloudAnthropic = anthropic(CLOUD);

await check('openai chat (streaming, OpenAI dialect)', async () => {
  const stream = await cloudOpenAi.chat.completions.create({
    model: CLOUD_MODEL, messages: user('Hi'), stream: true, stream_options: { include_usage: true } });
  let pieces = 0;
  let usage;
  let finish;
  for await (const chunk of stream) {
    if (chunk.choices[0]?.delta?.content) pieces++;
    if (chunk.choices[0]?.finish_reason) finish = chunk.choices[0].finish_reason;
    if (chunk.usage) usage = chunk.usage;
  }
  assert.equal(finish, 'stop');
  assert.equal(usage.completion_tokens, pieces);
});

await check('openai 429 is a RateLimitError with retry-after', async () => {
  const e = await rejects(cloudOpenAi.chat.completions.create({ model: CLOUD_MODEL, messages: user(HUGE_PROMPT) }));
  assert.ok(e instanceof OpenAI.RateLimitError, e.constructor.name);
  assert.equal(e.status, 429);
  assert.ok(Number(e.headers.get('retry-after')) > 0);
  assert.equal(e.code, 'rate_limit_exceeded');
});

await check('anthropic messages (non-streaming)', async () => {
  const m = await cloudAnthropic.messages.create({ model: CLOUD_MODEL, max_tokens: 1024, messages: user('Why is the sky blue?') });
  assert.equal(m.type, 'message');
  assert.equal(m.role, 'assistant');
  assert.equal(m.content[0].type, 'text');
  assert.ok(m.content[0].text.length > 0);
  assert.equal(m.stop_reason, 'end_turn');
  assert.ok(m.usage.input_tokens > 0 && m.usage.output_tokens > 0);
});

await check('anthropic messages (streaming, max_tokens)', async () => {
  const stream = cloudAnthropic.messages.stream({ model: CLOUD_MODEL, max_tokens: 5, messages: user('Count.') });
  let text = '';
  stream.on('text', (delta) => { text += delta; });
  const m = await stream.finalMessage();
  assert.ok(text.length > 0);
  assert.equal(m.content[0].text, text);
  assert.equal(m.stop_reason, 'max_tokens');
  assert.equal(m.usage.output_tokens, 5);
});

await check('anthropic 429 is a RateLimitError', async () => {
  const e = await rejects(cloudAnthropic.messages.create({ model: CLOUD_MODEL, max_tokens: 16, messages: user(HUGE_PROMPT) }));
  assert.ok(e instanceof Anthropic.RateLimitError, e.constructor.name);
  assert.equal(e.status, 429);
  assert.equal(e.error.error.type, 'rate_limit_error');
});

await check('anthropic 529 is an OverloadedError', async () => {
  const e = await rejects(anthropic(OVERLOADED).messages.create({ model: CLOUD_MODEL, max_tokens: 16, messages: user('hi') }));
  assert.ok(e instanceof Anthropic.OverloadedError, e.constructor.name);
  assert.equal(e.status, 529);
  assert.equal(e.error.error.type, 'overloaded_error');
});

await check('openai overload is an InternalServerError 503', async () => {
  const e = await rejects(openai(`${OVERLOADED}/v1`).chat.completions.create({ model: CLOUD_MODEL, messages: user('hi') }));
  assert.ok(e instanceof OpenAI.InternalServerError, e.constructor.name);
  assert.equal(e.status, 503);
});

const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed}/${results.length} checks passed`);
process.exit(failed === 0 ? 0 : 1);
