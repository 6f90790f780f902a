"""The official openai Python SDK against a running `hybench route` (streaming and not); the JavaScript
twin is route-check.mjs. Environment: SDK_ROUTE_URL, SDK_ROUTE_KEPT_PROMPT, SDK_ROUTE_ESCALATED_PROMPT
(HybridRouteSdkCheckTest sets them). Exit status 0: all passed."""
import os
import re
import sys

import openai
from openai import OpenAI

client = OpenAI(base_url=os.environ["SDK_ROUTE_URL"] + "/v1", api_key="sdk-check", max_retries=0)
ANSWER = re.compile(r"(^|\n)Answer: [^\n]+\nConfidence: \d+$")
CASES = [("kept", os.environ["SDK_ROUTE_KEPT_PROMPT"], "local"), ("escalated", os.environ["SDK_ROUTE_ESCALATED_PROMPT"], "escalated")]
failed = 0


def check(name, fn):
    global failed
    try:
        fn()
        print("ok    " + name)
    except Exception as e:  # noqa: BLE001  (every failure is reported, then counted)
        failed += 1
        print("FAIL  %s\n      %r" % (name, e))


def models():
    assert [m.id for m in client.models.list()] == ["hybrid"]


def whole(prompt, route):
    raw = client.chat.completions.with_raw_response.create(model="hybrid", messages=[{"role": "user", "content": prompt}])
    assert raw.headers.get("x-hybench-route") == route, raw.headers.get("x-hybench-route")
    c = raw.parse()
    assert ANSWER.search(c.choices[0].message.content), c.choices[0].message.content
    assert c.choices[0].finish_reason == "stop"
    assert c.usage.completion_tokens > 0


def streamed(prompt, route):
    with client.chat.completions.with_streaming_response.create(
            model="hybrid", messages=[{"role": "user", "content": prompt}], stream=True, stream_options={"include_usage": True}) as resp:
        assert resp.headers.get("x-hybench-route") == route, resp.headers.get("x-hybench-route")
        text, usage, finish = "", None, None
        for chunk in resp.parse():
            if chunk.usage is not None:
                usage = chunk.usage
            if chunk.choices:
                text += chunk.choices[0].delta.content or ""
                finish = chunk.choices[0].finish_reason or finish
    assert ANSWER.search(text), text
    assert finish == "stop"
    assert usage.completion_tokens > 0


def bad_request():
    try:
        client.chat.completions.create(model="hybrid", messages=[])
    except openai.BadRequestError as e:
        assert e.status_code == 400 and "messages" in str(e), e
        return
    raise AssertionError("expected a BadRequestError")


check("openai-python models.list", models)
for what, prompt, route in CASES:
    check("openai-python chat %s, not streamed" % what, lambda p=prompt, r=route: whole(p, r))
    check("openai-python chat %s, streamed with usage" % what, lambda p=prompt, r=route: streamed(p, r))
check("openai-python bad request is a BadRequestError", bad_request)
print("route check (python %s): %s" % (openai.__version__, "all passed" if failed == 0 else "%d failed" % failed))
sys.exit(0 if failed == 0 else 1)
