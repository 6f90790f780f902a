"""LiteLLM proxy hook that applies a `hybench calibrate` router spec: confidence-based escalation.

LiteLLM itself has no confidence-based escalation: its fallbacks fire on errors only. This hook adds
the fitted policy from router-spec.json to a LiteLLM proxy, with the same arithmetic as the Java
HybridRouter (score oriented by scoreSense, mapped by the column's recalibration if any, and
"below the threshold leaves the local path; equal stays"):

- pre-route / two-stage: a request to the local deployment carrying a router score in
  metadata.hybench_router_score is sent to the cloud deployment when the score is below cloudBelow
  (async_pre_call_hook rewrites data["model"]).
- spill-over: with HYBENCH_LOCAL_MAX_IN_FLIGHT=N, a local request arriving while N local requests are
  in flight goes straight to the cloud deployment (counted apart from escalations).
- cascade / two-stage: after the local answer its confidence is read from metadata.hybench_confidence
  if the client computed it, else as the mean token logprob of the whole reply (the hook asks the
  local model for logprobs); below escalateBelow the same messages go to the cloud deployment and its
  answer replaces the local one. Non-streaming requests are decided in async_post_call_success_hook;
  streaming requests in async_post_call_streaming_iterator_hook, which holds the local stream until it
  ends (the decision needs every token's logprob) and then yields either the held chunks or the cloud's
  stream. hybench collect's mean_logprob covers only the graded answer's tokens, so the reply-wide mean
  is the same signal only when the prompt asks for the bare answer; otherwise compute the signal in the
  client and pass it as metadata.

How the proxy calls a CustomLogger (LiteLLM source, BerriAI/litellm):
- litellm/integrations/custom_logger.py (commit 00298b3d, lines ~214-290): the hook signatures
  async_pre_call_hook(user_api_key_dict, cache, data, call_type),
  async_post_call_success_hook(data, user_api_key_dict, response),
  async_post_call_failure_hook(request_data, original_exception, user_api_key_dict, traceback_str),
  async_post_call_streaming_iterator_hook(user_api_key_dict, response, request_data).
- litellm/proxy/common_request_processing.py (commit 001501fb), common_processing_pre_call_logic:
  proxy_logging_obj.pre_call_hook(..., call_type=route_type), and /chat/completions passes
  route_type "acompletion" (older proxies passed "completion"; both are accepted here).
- litellm/proxy/utils.py (commit a5a30757), ProxyLogging.post_call_success_hook: calls each callback
  with keywords and replaces the response with a non-None return; ProxyLogging.
  async_post_call_streaming_iterator_hook chains callbacks that define the iterator hook on their class.
- common_request_processing.py, _override_openai_response_model: a response after an error fallback
  carries x-litellm-attempted-fallbacks in _hidden_params["additional_headers"]; such an answer came
  from the cloud already and is not scored.
- litellm/llms/ollama/chat/transformation.py: the ollama_chat provider sends no logprobs, so the
  exported config reaches a local Ollama through its OpenAI-compatible /v1 endpoint for a cascade.

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
# the chat call types the proxy passes for /v1/chat/completions (current, then older proxies)
CHAT_CALL_TYPES = ("acompletion", "completion")
# request fields forwarded to the cloud on escalation (the local-only logprobs request is not)
FORWARDED = ("temperature", "top_p", "max_tokens", "max_completion_tokens", "stop", "seed", "n", "user",
             "response_format", "tools", "tool_choice", "stream_options")
ROUTE_KEY = "hybench_route"


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


class SpillOver:
    """The local admission rule of hybench route (io.hybench.calibrate.router.SpillOver): a local request
    is admitted below max_in_flight; at the limit it waits up to max_queue_ms (0: not at all) and then spills."""

    ADMIT, WAIT, SPILL = "admit", "wait", "spill"

    def __init__(self, max_in_flight, max_queue_ms=0):
        if max_in_flight < 1 or max_queue_ms < 0:
            raise ValueError("spill-over needs max_in_flight >= 1 and max_queue_ms >= 0")
        self.max_in_flight = max_in_flight
        self.max_queue_ms = max_queue_ms

    def decide(self, in_flight, waited_ms):
        if in_flight < self.max_in_flight:
            return self.ADMIT
        return self.WAIT if waited_ms < self.max_queue_ms else self.SPILL


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


def mean_of(logprobs):
    """hybench's mean_logprob: the arithmetic mean of the token logprobs, summed in order (None when empty)."""
    if not logprobs:
        return None
    total = 0.0
    for lp in logprobs:
        total += lp
    return total / len(logprobs)


def _get(obj, key):
    return obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)


def token_logprobs(message_or_chunk):
    """The token logprobs of choices[0] (OpenAI shape: choices[0].logprobs.content[i].logprob), or []."""
    choices = _get(message_or_chunk, "choices") or []
    if not choices:
        return []
    content = _get(_get(choices[0], "logprobs") or {}, "content") or []
    return [_get(t, "logprob") for t in content]


def mean_token_logprob(response):
    """Mean logprob of the reply's tokens, or None."""
    return mean_of(token_logprobs(response))


def _metadata(data):
    # /chat/completions carries the client's metadata under "metadata"; some routes use "litellm_metadata"
    md = data.get("metadata")
    if not isinstance(md, dict):
        md = data.get("litellm_metadata")
    if not isinstance(md, dict):
        md = {}
        data["metadata"] = md
    return md


def _came_from_fallback(response):
    hidden = _get(response, "_hidden_params") or {}
    headers = hidden.get("additional_headers") or {} if isinstance(hidden, dict) else {}
    return (headers.get("x-litellm-attempted-fallbacks") or 0) > 0


class HybenchEscalation(CustomLogger):
    def __init__(self, spec=None, router=None, signal=None, spill=None):
        super().__init__()
        self.spec = spec or RouterSpec.load(os.environ["HYBENCH_ROUTER_SPEC"])
        self._router = router
        self.signal = signal or os.environ.get("HYBENCH_CONFIDENCE_SIGNAL", "mean_token_logprob")
        if self.signal not in ("mean_token_logprob", "metadata"):
            raise ValueError("HYBENCH_CONFIDENCE_SIGNAL must be mean_token_logprob or metadata, not %r" % self.signal)
        limit = os.environ.get("HYBENCH_LOCAL_MAX_IN_FLIGHT")
        self.spill = spill or (SpillOver(int(limit)) if limit else None)
        self.local_in_flight = 0

    def router(self):
        if self._router is None:
            from litellm.proxy.proxy_server import llm_router
            self._router = llm_router
        return self._router

    def _cascade(self, data):
        return data.get("model") == LOCAL_MODEL and self.spec.confidence_column is not None

    def _release(self, data):
        if _metadata(data).pop("hybench_admitted", False):
            self.local_in_flight -= 1

    async def async_pre_call_hook(self, user_api_key_dict, cache, data, call_type):
        if call_type not in CHAT_CALL_TYPES or data.get("model") != LOCAL_MODEL:
            return data
        md = _metadata(data)
        score = md.get("hybench_router_score")
        if score is not None and self.spec.to_cloud_before_generation(float(score)):
            data["model"] = CLOUD_MODEL
            md[ROUTE_KEY] = "cloud"
            return data
        if self.spill is not None:
            if self.spill.decide(self.local_in_flight, 0) == SpillOver.SPILL:
                data["model"] = CLOUD_MODEL
                md[ROUTE_KEY] = "spilled"
                return data
            self.local_in_flight += 1
            md["hybench_admitted"] = True
        if self.spec.confidence_column is not None and self.signal == "mean_token_logprob":
            data["logprobs"] = True
        return data

    def _confidence(self, data, logprobs):
        value = _metadata(data).get("hybench_confidence") if self.signal == "metadata" else mean_of(logprobs)
        if value is None:
            raise ValueError("hybench: no confidence for the local answer (signal %s); cannot apply the cascade" % self.signal)
        return float(value)

    def _cloud_request(self, data, stream):
        params = {k: data[k] for k in FORWARDED if data.get(k) is not None}
        if not stream:
            params.pop("stream_options", None)
        return dict(params, model=CLOUD_MODEL, messages=data["messages"], stream=stream)

    async def async_post_call_success_hook(self, data, user_api_key_dict, response):
        self._release(data)
        if not self._cascade(data) or _came_from_fallback(response):
            return None
        escalate = self.spec.escalate(self._confidence(data, token_logprobs(response)))
        _metadata(data)[ROUTE_KEY] = "escalated" if escalate else "local"
        if not escalate:
            return None
        return await self.router().acompletion(**self._cloud_request(data, stream=False))

    async def async_post_call_failure_hook(self, request_data, original_exception, user_api_key_dict, traceback_str=None):
        self._release(request_data)

    async def async_post_call_streaming_iterator_hook(self, user_api_key_dict, response, request_data):
        if not self._cascade(request_data):
            async for chunk in response:
                yield chunk
            return
        held, logprobs = [], []
        try:
            async for chunk in response:
                held.append(chunk)
                logprobs.extend(token_logprobs(chunk))
        finally:
            self._release(request_data)
        escalate = self.spec.escalate(self._confidence(request_data, logprobs))
        _metadata(request_data)[ROUTE_KEY] = "escalated" if escalate else "local"
        if not escalate:
            for chunk in held:
                yield chunk
            return
        async for chunk in await self.router().acompletion(**self._cloud_request(request_data, stream=True)):
            yield chunk


if "HYBENCH_ROUTER_SPEC" not in os.environ:
    raise RuntimeError("hybench_hook: set HYBENCH_ROUTER_SPEC to the router-spec.json written by hybench calibrate")
proxy_handler_instance = HybenchEscalation()
