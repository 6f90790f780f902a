"""Plain-Python tests of hybench_hook.py: python3 scripts/litellm/test_hybench_hook.py

Only the litellm import surface the hook uses is stubbed (the package, CustomLogger, and the proxy's
router); the router spec is written as hybench calibrate writes it.
"""
import asyncio
import json
import os
import sys
import tempfile
import types
import unittest

CASCADE = {"specVersion": 2, "policy": {"kind": "cascade", "confidenceScore": 0, "escalateBelow": -0.35},
           "scoreColumns": ["mean_logprob"], "scoreSense": "HIGHER_MEANS_LOCAL", "recalibration": {}}
PRE_ROUTE_CLOUD_SENSE = {"specVersion": 2, "policy": {"kind": "pre-route", "routerScore": 0, "cloudBelow": -0.6},
                         "scoreColumns": ["strong_win_rate"], "scoreSense": "HIGHER_MEANS_CLOUD"}
TWO_STAGE_ISOTONIC = {"specVersion": 2,
                      "policy": {"kind": "two-stage", "routerScore": 1, "cloudBelow": 0.2, "confidenceScore": 0, "escalateBelow": 0.75},
                      "scoreColumns": ["conf", "router"], "scoreSense": "HIGHER_MEANS_LOCAL",
                      "recalibration": {"conf": {"method": "isotonic", "upperScores": [0.3, 0.6, 0.9], "probabilities": [0.2, 0.75, 0.9]}}}


def install_litellm_stub():
    litellm = types.ModuleType("litellm")
    integrations = types.ModuleType("litellm.integrations")
    custom_logger = types.ModuleType("litellm.integrations.custom_logger")

    class CustomLogger:
        def __init__(self):
            pass
    custom_logger.CustomLogger = CustomLogger
    sys.modules.update({"litellm": litellm, "litellm.integrations": integrations,
                        "litellm.integrations.custom_logger": custom_logger})


class FakeRouter:
    def __init__(self):
        self.calls = []

    async def acompletion(self, model, messages):
        self.calls.append((model, messages))
        return {"model": model, "choices": [{"message": {"content": "cloud answer"}}]}


def local_response(*logprobs):
    return {"model": "hybrid-local", "choices": [{"message": {"content": "local answer"},
                                                  "logprobs": {"content": [{"token": "t", "logprob": lp} for lp in logprobs]}}]}


class HookTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        install_litellm_stub()
        cls.tmp = tempfile.TemporaryDirectory()
        path = os.path.join(cls.tmp.name, "router-spec.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(CASCADE, f)
        os.environ["HYBENCH_ROUTER_SPEC"] = path
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import hybench_hook
        cls.hook = hybench_hook

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def handler(self, spec, signal=None):
        return self.hook.HybenchEscalation(spec=self.hook.RouterSpec(spec), router=FakeRouter(), signal=signal)

    def test_module_instance_loads_the_spec_from_the_environment(self):
        self.assertEqual("cascade", self.hook.proxy_handler_instance.spec.kind)

    def test_cascade_escalates_below_the_threshold_and_keeps_equal(self):
        h = self.handler(CASCADE)
        data = {"model": "hybrid-local", "messages": [{"role": "user", "content": "q"}]}
        data = asyncio.run(h.async_pre_call_hook(None, None, data, "completion"))
        self.assertTrue(data["logprobs"], "the hook asks the local model for logprobs")
        kept = asyncio.run(h.async_post_call_success_hook(data, None, local_response(-0.3, -0.4)))  # mean -0.35: equal stays
        self.assertEqual("hybrid-local", kept["model"])
        escalated = asyncio.run(h.async_post_call_success_hook(data, None, local_response(-0.3, -0.5)))  # mean -0.4
        self.assertEqual("hybrid-cloud", escalated["model"])
        self.assertEqual([("hybrid-cloud", data["messages"])], h.router().calls)

    def test_requests_to_other_models_pass_through(self):
        h = self.handler(CASCADE)
        data = {"model": "hybrid-cloud", "messages": []}
        self.assertEqual({"model": "hybrid-cloud", "messages": []}, asyncio.run(h.async_pre_call_hook(None, None, dict(data), "completion")))
        r = local_response(-9)
        self.assertIs(r, asyncio.run(h.async_post_call_success_hook(data, None, r)))

    def test_missing_confidence_is_an_error_not_a_silent_keep(self):
        h = self.handler(CASCADE)
        with self.assertRaises(ValueError):
            asyncio.run(h.async_post_call_success_hook({"model": "hybrid-local", "messages": []}, None, {"choices": [{}]}))

    def test_pre_route_with_a_higher_means_cloud_score(self):
        h = self.handler(PRE_ROUTE_CLOUD_SENSE)
        # oriented = -raw: raw 0.61 -> -0.61 < -0.6 goes to the cloud; raw 0.6 -> equal stays local
        cloud = asyncio.run(h.async_pre_call_hook(None, None, {"model": "hybrid-local", "metadata": {"hybench_router_score": 0.61}}, "completion"))
        self.assertEqual("hybrid-cloud", cloud["model"])
        local = asyncio.run(h.async_pre_call_hook(None, None, {"model": "hybrid-local", "metadata": {"hybench_router_score": 0.6}}, "completion"))
        self.assertEqual("hybrid-local", local["model"])
        self.assertNotIn("logprobs", local, "a pre-route spec has no cascade")

    def test_two_stage_with_isotonic_confidence_from_metadata(self):
        spec = self.hook.RouterSpec(TWO_STAGE_ISOTONIC)
        self.assertTrue(spec.to_cloud_before_generation(0.19))
        self.assertFalse(spec.to_cloud_before_generation(0.2))
        # isotonic blocks: (..0.3] -> 0.2, (0.3, 0.6] -> 0.75, (0.6, 0.9] and above -> 0.9; escalate below 0.75
        self.assertTrue(spec.escalate(0.3))
        self.assertFalse(spec.escalate(0.31))
        self.assertFalse(spec.escalate(0.6))
        self.assertFalse(spec.escalate(5.0))
        h = self.handler(TWO_STAGE_ISOTONIC, signal="metadata")
        data = {"model": "hybrid-local", "messages": [], "metadata": {"hybench_router_score": 0.5, "hybench_confidence": 0.1}}
        self.assertEqual("hybrid-cloud", asyncio.run(h.async_post_call_success_hook(data, None, local_response(-0.01)))["model"])

    def test_platt_and_unsupported_versions(self):
        spec = dict(CASCADE, recalibration={"mean_logprob": {"method": "platt", "slope": 2.0, "intercept": 0.0}},
                    policy={"kind": "cascade", "confidenceScore": 0, "escalateBelow": 0.5})
        s = self.hook.RouterSpec(spec)
        self.assertFalse(s.escalate(0.0))  # p = 0.5: equal stays
        self.assertTrue(s.escalate(-0.01))
        with self.assertRaises(ValueError):
            self.hook.RouterSpec(dict(CASCADE, specVersion=3))


if __name__ == "__main__":
    unittest.main()
