"""Plain-Python tests of hybench_hook.py: python3 scripts/litellm/test_hybench_hook.py

Only the litellm import surface the hook uses is stubbed (the package, CustomLogger, and the proxy's
router). The hook is called as LiteLLM's proxy calls it: keyword arguments, call_type "acompletion",
request data and ModelResponse/ModelResponseStream objects shaped as in proxy_call_shapes.json. The
shared decision table (calibrate/src/test/resources/router/decision-cases.json) runs through the hook too.
"""
import asyncio
import copy
import json
import os
import sys
import tempfile
import types
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = os.path.join(HERE, "..", "..", "calibrate", "src", "test", "resources", "router", "decision-cases.json")
with open(os.path.join(HERE, "proxy_call_shapes.json"), encoding="utf-8") as f:
    SHAPES = json.load(f)
with open(TABLE, encoding="utf-8") as f:
    DECISIONS = json.load(f)
SPECS = DECISIONS["specs"]


def install_litellm_stub():
    litellm = types.ModuleType("litellm")
    integrations = types.ModuleType("litellm.integrations")
    custom_logger = types.ModuleType("litellm.integrations.custom_logger")

    class CustomLogger:
        def __init__(self, message_logging=True, **kwargs):
            self.message_logging = message_logging
    custom_logger.CustomLogger = CustomLogger
    sys.modules.update({"litellm": litellm, "litellm.integrations": integrations,
                        "litellm.integrations.custom_logger": custom_logger})


def obj(value):
    """A dict as the pydantic object LiteLLM hands over (attribute access); _hidden_params stays a dict as on ModelResponse."""
    if isinstance(value, dict):
        ns = types.SimpleNamespace(**{k: (v if k == "_hidden_params" else obj(v)) for k, v in value.items()})
        return ns
    if isinstance(value, list):
        return [obj(v) for v in value]
    return value


def cloud_chunks():
    return [obj({"model": "hybrid-cloud", "choices": [{"index": 0, "delta": {"content": piece}, "logprobs": None}]})
            for piece in ("Jupiter", ".")]


class FakeRouter:
    """The proxy's llm_router: acompletion(model=..., messages=..., stream=..., **params)."""

    def __init__(self):
        self.calls = []

    async def acompletion(self, **kwargs):
        self.calls.append(kwargs)
        if kwargs.get("stream"):
            async def stream():
                for c in cloud_chunks():
                    yield c
            return stream()
        return obj({"model": "hybrid-cloud", "choices": [{"message": {"content": "cloud answer"}}]})


async def agen(items):
    for i in items:
        yield i


async def drain(gen):
    return [c async for c in gen]


def request(**overrides):
    data = copy.deepcopy(SHAPES["data"])
    data["litellm_logging_obj"] = object()  # the proxy puts its Logging object in data; the hook must not touch it
    for k, v in overrides.items():
        if k == "metadata":
            data["metadata"].update(v)
        else:
            data[k] = v
    return data


def local_response(*logprobs, hidden=None):
    r = copy.deepcopy(SHAPES["local_response"])
    r["choices"][0]["logprobs"]["content"] = [{"token": "t", "logprob": lp, "top_logprobs": []} for lp in logprobs]
    if hidden is not None:
        r["_hidden_params"] = hidden
    return obj(r)


class HookTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        install_litellm_stub()
        cls.tmp = tempfile.TemporaryDirectory()
        path = os.path.join(cls.tmp.name, "router-spec.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(SPECS["cascade-mean-logprob"], f)
        os.environ["HYBENCH_ROUTER_SPEC"] = path
        sys.path.insert(0, HERE)
        import hybench_hook
        cls.hook = hybench_hook

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def handler(self, spec_name, signal=None, spill=None):
        return self.hook.HybenchEscalation(spec=self.hook.RouterSpec(SPECS[spec_name]), router=FakeRouter(), signal=signal, spill=spill)

    def pre(self, h, data, call_type=SHAPES["call_type"]):
        return asyncio.run(h.async_pre_call_hook(user_api_key_dict=obj(SHAPES["user_api_key_dict"]), cache=object(), data=data,
                                                 call_type=call_type))

    def post(self, h, data, response):
        return asyncio.run(h.async_post_call_success_hook(data=data, user_api_key_dict=obj(SHAPES["user_api_key_dict"]), response=response))

    def stream(self, h, data, chunks):
        return asyncio.run(drain(h.async_post_call_streaming_iterator_hook(
            user_api_key_dict=obj(SHAPES["user_api_key_dict"]), response=agen(chunks), request_data=data)))

    def test_module_instance_loads_the_spec_from_the_environment(self):
        self.assertEqual("cascade", self.hook.proxy_handler_instance.spec.kind)

    def test_the_proxy_call_type_for_chat_completions_asks_for_logprobs(self):
        for call_type in ("acompletion", "completion"):
            data = self.pre(self.handler("cascade-mean-logprob"), request(), call_type)
            self.assertIs(True, data["logprobs"], call_type)
        other = self.pre(self.handler("cascade-mean-logprob"), request(), "aembedding")
        self.assertNotIn("logprobs", other)

    def test_non_streaming_cascade_keeps_or_replaces_the_proxy_response(self):
        h = self.handler("cascade-mean-logprob")
        data = self.pre(h, request())
        kept = obj(copy.deepcopy(SHAPES["local_response"]))  # Jup -0.3, iter -0.4: mean -0.35, equal stays
        self.assertIsNone(self.post(h, data, kept), "None tells the proxy to keep its response")
        self.assertEqual("local", data["metadata"]["hybench_route"])
        escalated = self.post(h, data, local_response(-0.3, -0.5))
        self.assertEqual("hybrid-cloud", escalated.model)
        call = h.router().calls[0]
        self.assertEqual(("hybrid-cloud", data["messages"], False, 0, 16),
                         (call["model"], call["messages"], call["stream"], call["temperature"], call["max_tokens"]))
        self.assertNotIn("logprobs", call, "the cloud is not asked for the local-only logprobs")

    def test_an_answer_from_litellms_error_fallback_is_not_scored(self):
        h = self.handler("cascade-mean-logprob")
        data = self.pre(h, request())
        response = local_response(hidden=SHAPES["fallback_hidden_params"])  # no logprobs: the cloud answered
        self.assertIsNone(self.post(h, data, response))
        self.assertEqual([], h.router().calls)

    def test_streaming_kept_answer_is_the_held_local_stream(self):
        h = self.handler("cascade-mean-logprob")
        data = self.pre(h, request(stream=True))
        chunks = [obj(c) for c in SHAPES["local_stream_chunks"]]
        chunks[2].choices[0].logprobs.content[0].logprob = -0.4  # Jup -0.3, iter -0.4: mean -0.35 stays
        out = self.stream(h, data, chunks)
        self.assertEqual(chunks, out)
        self.assertEqual("local", data["metadata"]["hybench_route"])
        self.assertEqual([], h.router().calls)

    def test_streaming_escalation_yields_the_cloud_stream(self):
        h = self.handler("cascade-mean-logprob")
        data = self.pre(h, request(stream=True, stream_options={"include_usage": True}))
        out = self.stream(h, data, [obj(c) for c in SHAPES["local_stream_chunks"]])  # mean -0.4
        self.assertEqual(["Jupiter", "."], [c.choices[0].delta.content for c in out])
        self.assertEqual("escalated", data["metadata"]["hybench_route"])
        call = h.router().calls[0]
        self.assertEqual((True, {"include_usage": True}), (call["stream"], call["stream_options"]))

    def test_streams_to_other_models_pass_through_untouched(self):
        h = self.handler("cascade-mean-logprob")
        chunks = cloud_chunks()
        self.assertEqual(chunks, self.stream(h, request(model="hybrid-cloud", stream=True), chunks))

    def test_requests_to_other_models_pass_through(self):
        h = self.handler("cascade-mean-logprob")
        data = request(model="hybrid-cloud")
        self.assertNotIn("logprobs", self.pre(h, data))
        self.assertIsNone(self.post(h, data, local_response(-9)))

    def test_missing_confidence_is_an_error_not_a_silent_keep(self):
        h = self.handler("cascade-mean-logprob")
        data = self.pre(h, request())
        with self.assertRaises(ValueError):
            self.post(h, data, local_response())

    def test_spill_over_sends_local_requests_beyond_the_limit_to_the_cloud_and_releases_slots(self):
        h = self.handler("cascade-mean-logprob", spill=self.hook.SpillOver(1))
        first = self.pre(h, request())
        self.assertEqual(("hybrid-local", 1), (first["model"], h.local_in_flight))
        second = self.pre(h, request())
        self.assertEqual(("hybrid-cloud", "spilled"), (second["model"], second["metadata"]["hybench_route"]))
        asyncio.run(h.async_post_call_failure_hook(request_data=first, original_exception=RuntimeError("down"),
                                                   user_api_key_dict=obj(SHAPES["user_api_key_dict"])))
        self.assertEqual(0, h.local_in_flight)
        third = self.pre(h, request(stream=True))
        self.stream(h, third, [obj(c) for c in SHAPES["local_stream_chunks"]])
        self.assertEqual(0, h.local_in_flight, "a finished stream frees its slot")

    def test_platt_and_unsupported_versions(self):
        s = self.hook.RouterSpec(SPECS["cascade-platt"])
        self.assertFalse(s.escalate(0.0))
        self.assertTrue(s.escalate(-0.01))
        with self.assertRaises(ValueError):
            self.hook.RouterSpec(dict(SPECS["cascade-mean-logprob"], specVersion=3))

    def decide(self, case):
        """A table case through the hook's proxy entry points; the decision is what the hook did."""
        signal = "mean_token_logprob" if "tokenLogprobs" in case else "metadata"
        h = self.handler(case["spec"], signal=signal)
        md = {}
        if "routerScore" in case:
            md["hybench_router_score"] = case["routerScore"]
        if "confidence" in case:
            md["hybench_confidence"] = case["confidence"]
        data = self.pre(h, request(metadata=md))
        if data["model"] == "hybrid-cloud":
            return "cloud"
        try:
            replaced = self.post(h, data, local_response(*case.get("tokenLogprobs", [-0.01])))
        except ValueError:
            return "error"
        if h.spec.confidence_column is None:
            return "local"
        return "escalated" if replaced is not None else "local"

    def test_the_shared_decision_table(self):
        ran = 0
        for case in DECISIONS["cases"]:
            with self.subTest(case["name"]):
                if "spill" in case:
                    s = case["spill"]
                    got = self.hook.SpillOver(s["maxInFlight"], s["maxQueueMs"]).decide(s["inFlight"], s["waitedMs"])
                else:
                    got = self.decide(case)
                self.assertEqual(case["expect"], got)
                ran += 1
        self.assertEqual(18, ran)


if __name__ == "__main__":
    unittest.main()
