"""LiteLLM proxy hook that applies a `hybench calibrate` router spec: confidence-based escalation.

LiteLLM itself has no confidence-based escalation: its fallbacks fire on errors only. This hook adds
the fitted policy from router-spec.json to a LiteLLM proxy, with the same arithmetic as the Java
HybridRouter (score oriented by scoreSense, mapped by the column's recalibration if any, and
"below the threshold leaves the local path; equal stays"):

- pre-route / two-stage: a request to the local deployment carrying a router score in
  metadata.hybench_router_score is sent to the cloud deployment when the score is below cloudBelow
  (async_pre_call_hook rewrites data["model"]).
- cascade / two-stage: after the local answer (async_post_call_success_hook), its confidence is read
  from metadata.hybench_confidence if the client computed it, else as the mean token logprob of the
  whole reply (the hook asks the local model for logprobs); below escalateBelow the same messages go to
  the cloud deployment and its response replaces the local one. hybench collect's mean_logprob covers
  only the graded answer's tokens, so the reply-wide mean is the same signal only when the prompt asks
  for the bare answer; otherwise compute the signal in the client and pass it as metadata.

Use: put this file next to the proxy config and add to config.yaml

    litellm_settings:
      callbacks: hybench_hook.proxy_handler_instance

with HYBENCH_ROUTER_SPEC=/path/to/router-spec.json in the proxy's environment. The confidence
column the spec was fitted on must be the signal given here (HYBENCH_CONFIDENCE_SIGNAL:
"mean_token_logprob" (default) or "metadata"); otherwise the thresholds mean nothing.
"""
import bisect
import json
import math
import os

import litellm  # noqa: F401  (the proxy imports this module inside a running LiteLLM)
from litellm.integrations.custom_logger import CustomLogger

LOCAL_MODEL = os.environ.get("HYBENCH_LOCAL_MODEL", "hybrid-local")
CLOUD_MODEL = os.environ.get("HYBENCH_CLOUD_MODEL", "hybrid-cloud")


class RouterSpec:
    """The decision part of router-spec.json (specVersion 1 or 2)."""

    def __init__(self, spec):
        version = spec.get("specVersion")
        if version not in (1, 2):
            raise ValueError("router spec version %r not supported (1..2)" % version)
        policy = spec["policy"]
        self.kind = policy["kind"]
        self.columns = spec["scoreColumns"]
        self.sign = 1.0 if spec.get("scoreSense", "HIGHER_MEANS_LOCAL") == "HIGHER_MEANS_LOCAL" else -1.0
        maps = spec.get("recalibration") or {}
        self.router_column = policy.get("routerScore") if self.kind in ("pre-route", "two-stage") else None
        self.confidence_column = policy.get("confidenceScore") if self.kind in ("cascade", "two-stage") else None
        self.cloud_below = policy.get("cloudBelow")
        self.escalate_below = policy.get("escalateBelow")
        self.router_map = _recalibration(maps.get(self.columns[self.router_column])) if self.router_column is not None else None
        self.confidence_map = (_recalibration(maps.get(self.columns[self.confidence_column]))
                               if self.confidence_column is not None else None)

    @classmethod
    def load(cls, path):
        with open(path, encoding="utf-8") as f:
            return cls(json.load(f))

    def to_cloud_before_generation(self, router_score):
        if self.router_column is None:
            return False
        return self.router_map(self.sign * router_score) < self.cloud_below

    def escalate(self, confidence):
        if self.confidence_column is None:
            return False
        return self.confidence_map(self.sign * confidence) < self.escalate_below


def _recalibration(m):
    if m is None:
        return lambda s: s
    if m["method"] == "isotonic":
        upper, probs = m["upperScores"], m["probabilities"]

        def isotonic(s):
            return probs[min(bisect.bisect_left(upper, s + 0.0), len(upper) - 1)]
        return isotonic
    if m["method"] == "platt":
        a, b = m["slope"], m["intercept"]
        return lambda s: 1.0 / (1.0 + math.exp(-(a * s + b)))
    raise ValueError("unknown recalibration method %r" % m["method"])


def mean_token_logprob(response):
    """Mean logprob of the answer's tokens (OpenAI-compatible choices[0].logprobs.content), or None."""
    try:
        content = response.choices[0].logprobs.content
    except (AttributeError, IndexError, TypeError):
        content = None
    if content is None and isinstance(response, dict):
        content = (((response.get("choices") or [{}])[0]).get("logprobs") or {}).get("content")
    if not content:
        return None
    lps = [t["logprob"] if isinstance(t, dict) else t.logprob for t in content]
    return sum(lps) / len(lps)


def _metadata(data):
    return data.get("metadata") or {}


class HybenchEscalation(CustomLogger):
    def __init__(self, spec=None, router=None, signal=None):
        super().__init__()
        self.spec = spec or RouterSpec.load(os.environ["HYBENCH_ROUTER_SPEC"])
        self._router = router
        self.signal = signal or os.environ.get("HYBENCH_CONFIDENCE_SIGNAL", "mean_token_logprob")
        if self.signal not in ("mean_token_logprob", "metadata"):
            raise ValueError("HYBENCH_CONFIDENCE_SIGNAL must be mean_token_logprob or metadata, not %r" % self.signal)

    def router(self):
        if self._router is None:
            from litellm.proxy.proxy_server import llm_router
            self._router = llm_router
        return self._router

    async def async_pre_call_hook(self, user_api_key_dict, cache, data, call_type):
        if call_type != "completion" or data.get("model") != LOCAL_MODEL:
            return data
        score = _metadata(data).get("hybench_router_score")
        if score is not None and self.spec.to_cloud_before_generation(float(score)):
            data["model"] = CLOUD_MODEL
            _metadata(data)["hybench_route"] = "cloud"
            return data
        if self.spec.confidence_column is not None and self.signal == "mean_token_logprob":
            data["logprobs"] = True
        return data

    async def async_post_call_success_hook(self, data, user_api_key_dict, response):
        if data.get("model") != LOCAL_MODEL or self.spec.confidence_column is None:
            return response
        confidence = (_metadata(data).get("hybench_confidence") if self.signal == "metadata"
                      else mean_token_logprob(response))
        if confidence is None:
            raise ValueError("hybench: no confidence for the local answer (signal %s); cannot apply the cascade" % self.signal)
        if not self.spec.escalate(float(confidence)):
            return response
        return await self.router().acompletion(model=CLOUD_MODEL, messages=data["messages"])


if "HYBENCH_ROUTER_SPEC" not in os.environ:
    raise RuntimeError("hybench_hook: set HYBENCH_ROUTER_SPEC to the router-spec.json written by hybench calibrate")
proxy_handler_instance = HybenchEscalation()
