"""Tests of the GPU engine's server on the CPU, with a tiny model of the same architecture (Llama, paged
attention, transformers' continuous batching). Run: python3 -m unittest discover -s scripts/gpu-engine
"""

import asyncio
import json
import unittest

from aiohttp.test_utils import TestClient, TestServer

from engine import Engine, settings_from_args
from server import Api, parse_args
from wordtok import BOS, END_OF_TURN, ROLE_HEADERS, WordTokenizer

ENGINE_ARGS = ["--shape", "tiny", "--device", "cpu", "--block-size", "32", "--num-blocks", "256",
               "--max-batch-tokens", "1024", "--max-model-len", "2048"]
MODEL = "random-tiny"


class WordTokenizerTest(unittest.TestCase):
    def test_one_token_per_word_or_mark_with_stable_ids(self):
        tok = WordTokenizer(128256)
        ids = tok.encode("Hello, world")
        self.assertEqual(3, len(ids))
        # Pinned: the ids must not depend on the process (no hash seed) or change unnoticed.
        self.assertEqual([126006, 71967, 44863], ids)
        self.assertEqual(ids, WordTokenizer(128256).encode("  Hello ,\nworld "))

    def test_chat_template_adds_bos_headers_and_end_of_turn(self):
        tok = WordTokenizer(1024)
        ids = tok.encode_chat([("system", "be brief"), ("user", "a b c")])
        self.assertEqual(1 + (1 + 2 + 1) + (1 + 3 + 1) + 1, len(ids))
        self.assertEqual([BOS, ROLE_HEADERS["system"]], ids[:2])
        self.assertEqual([END_OF_TURN, ROLE_HEADERS["assistant"]], ids[-2:])

    def test_every_id_decodes_to_one_non_empty_word(self):
        tok = WordTokenizer(1024)
        self.assertEqual(" ka", tok.decode([0]))
        self.assertEqual(" veka veve", tok.decode([16, 17]))  # 0x10, 0x11
        self.assertEqual(100, len(tok.decode(list(range(100))).split()))

    def test_rejects_a_vocabulary_without_room_for_words(self):
        with self.assertRaises(ValueError):
            WordTokenizer(16)


class ServerTest(unittest.IsolatedAsyncioTestCase):
    engine: Engine

    @classmethod
    def setUpClass(cls):
        cls.engine = Engine(settings_from_args(parse_args(ENGINE_ARGS)))

    @classmethod
    def tearDownClass(cls):
        cls.engine.stop()

    async def asyncSetUp(self):
        self.api = Api(self.engine, MODEL, 2048, 1024)
        self.client = TestClient(TestServer(self.api.app()))
        await self.client.start_server()

    async def asyncTearDown(self):
        await self.client.close()

    async def _events(self, path: str, body: dict) -> list:
        resp = await self.client.post(path, json=body)
        self.assertEqual(200, resp.status)
        self.assertTrue(resp.headers["Content-Type"].startswith("text/event-stream"))
        text = await resp.text()
        events = [line[len("data: "):] for line in text.split("\n") if line.startswith("data: ")]
        self.assertEqual("[DONE]", events[-1], "a stream ends with its terminator")
        return [json.loads(e) for e in events[:-1]]

    async def test_chat_stream_counts_every_token_and_reports_usage(self):
        messages = [{"role": "user", "content": "Tell me about the sea, please."}]
        events = await self._events("/v1/chat/completions", {
            "model": MODEL, "messages": messages, "max_tokens": 12, "stream": True,
            "stream_options": {"include_usage": True}, "ignore_eos": True, "min_tokens": 12})
        self.assertEqual({"role": "assistant", "content": ""}, events[0]["choices"][0]["delta"])
        content = [e["choices"][0]["delta"]["content"] for e in events[1:] if e["choices"] and "content" in e["choices"][0]["delta"]]
        self.assertEqual(12, len("".join(content).split()), "one word per generated token")
        self.assertEqual("length", events[-2]["choices"][0]["finish_reason"])
        usage = events[-1]["usage"]
        self.assertEqual([], events[-1]["choices"])
        prompt = len(WordTokenizer(self.engine.vocab_size).encode_chat([("user", messages[0]["content"])]))
        self.assertEqual({"prompt_tokens": prompt, "completion_tokens": 12, "total_tokens": prompt + 12}, usage)

    async def test_stream_without_include_usage_has_no_usage_chunk(self):
        events = await self._events("/v1/completions", {"model": MODEL, "prompt": "one two", "max_tokens": 3,
                                                        "stream": True})
        self.assertTrue(all("usage" not in e for e in events))
        self.assertEqual(3, len("".join(e["choices"][0]["text"] for e in events).split()))

    async def test_non_streaming_reply(self):
        resp = await self.client.post("/v1/chat/completions", json={
            "model": MODEL, "messages": [{"role": "user", "content": [{"type": "text", "text": "hi there"}]}],
            "max_completion_tokens": 5})
        self.assertEqual(200, resp.status)
        body = await resp.json()
        self.assertEqual("chat.completion", body["object"])
        self.assertEqual(5, len(body["choices"][0]["message"]["content"].split()))
        self.assertEqual({"prompt_tokens": 6, "completion_tokens": 5, "total_tokens": 11}, body["usage"])

    async def test_concurrent_streams_are_batched_and_counted(self):
        lengths = [4, 9, 16, 7, 12, 3, 20, 8]

        async def one(n):
            events = await self._events("/v1/chat/completions", {
                "model": MODEL, "messages": [{"role": "user", "content": "x " * (10 * n)}], "max_tokens": n,
                "stream": True, "stream_options": {"include_usage": True}})
            return events[-1]["usage"]

        usages = await asyncio.gather(*[one(n) for n in lengths])
        self.assertEqual(lengths, [u["completion_tokens"] for u in usages])
        metrics = await (await self.client.get("/metrics")).text()
        self.assertIn('vllm:generation_tokens_total{model_name="random-tiny"} %.1f' % sum(lengths), metrics)
        self.assertIn('vllm:prompt_tokens_total{model_name="random-tiny"} %.1f' % sum(u["prompt_tokens"] for u in usages), metrics)
        self.assertIn('vllm:request_success_total{model_name="random-tiny"} 8.0', metrics)
        for gauge in ("vllm:num_requests_running", "vllm:num_requests_waiting", "vllm:kv_cache_usage_perc"):
            self.assertIn(f"# TYPE {gauge} gauge", metrics)

    async def test_gauges_show_requests_in_the_engine(self):
        body = {"model": MODEL, "messages": [{"role": "user", "content": "go"}], "max_tokens": 400, "stream": True}
        tasks = [asyncio.create_task(self.client.post("/v1/chat/completions", json=body)) for _ in range(3)]
        seen = 0
        for _ in range(200):
            g = self.engine.gauges()
            seen = max(seen, g.running + g.waiting)
            if seen == 3:
                break
            await asyncio.sleep(0.01)
        self.assertEqual(3, seen, "three streams are running or waiting")
        for t in tasks:
            (await t).close()  # the client leaves mid-stream: the server cancels the request
        for _ in range(500):
            g = self.engine.gauges()
            if g.running == 0 and g.waiting == 0:
                break
            await asyncio.sleep(0.01)
        self.assertEqual((0, 0), (g.running, g.waiting), "cancelled requests leave the engine")

    async def test_bad_requests_get_one_error_object(self):
        cases = [
            ({"model": "other", "messages": [{"role": "user", "content": "x"}]}, 404, "model"),
            ({"messages": []}, 400, "messages"),
            ({"messages": [{"role": "robot", "content": "x"}]}, 400, "messages"),
            ({"messages": [{"role": "user", "content": "x"}], "max_tokens": 0}, 400, "max_tokens"),
            ({"messages": [{"role": "user", "content": "x"}], "max_tokens": 5000}, 400, "max_tokens"),
            ({"messages": [{"role": "user", "content": "x"}], "n": 2}, 400, "n"),
        ]
        for body, status, param in cases:
            resp = await self.client.post("/v1/chat/completions", json=body)
            self.assertEqual(status, resp.status, body)
            self.assertEqual(param, (await resp.json())["error"]["param"], body)
        resp = await self.client.post("/v1/chat/completions", data=b"{not json")
        self.assertEqual(400, resp.status)
        self.assertIn("not valid JSON", (await resp.json())["error"]["message"])

    async def test_models_health_and_version(self):
        models = await (await self.client.get("/v1/models")).json()
        self.assertEqual([MODEL], [m["id"] for m in models["data"]])
        self.assertEqual(200, (await self.client.get("/health")).status)
        version = await (await self.client.get("/version")).json()
        self.assertIn("transformers", version["version"])
        self.assertEqual(256, version["engine"]["num_blocks"])
        self.assertEqual(1024, version["engine"]["max_batch_tokens"])


class ArgsTest(unittest.TestCase):
    def test_bad_flags_exit_2(self):
        for argv in (["--shape", "huge"], ["--max-model-len", "0"], ["--cuda-graphs", "maybe"]):
            with self.assertRaises(SystemExit) as e, _quiet_stderr():
                parse_args(argv)
            self.assertEqual(2, e.exception.code, argv)


class _quiet_stderr:
    def __enter__(self):
        import io, sys
        self._old, sys.stderr = sys.stderr, io.StringIO()

    def __exit__(self, *exc):
        import sys
        sys.stderr = self._old


if __name__ == "__main__":
    unittest.main()
