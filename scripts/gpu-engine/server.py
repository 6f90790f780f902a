#!/usr/bin/env python3
"""An OpenAI-compatible streaming server over transformers' continuous-batching engine (engine.py).

    python3 scripts/gpu-engine/server.py --shape llama-3.1-8b --port 8000

Endpoints: POST /v1/chat/completions and /v1/completions (SSE or one JSON reply, stream_options.include_usage),
GET /v1/models, /metrics (vLLM's gauge names, so hybench's vLLM probe reads it), /health, /version.
Prints one line "ready: http://HOST:PORT" once it listens. Every request generates exactly its max tokens
(EOS is off: the weights are random); usage counts come from the engine's token lists.
"""

import argparse
import asyncio
import json
import sys
import time

from aiohttp import web

from engine import SHAPES, Engine, settings_from_args
from wordtok import ROLE_HEADERS, WordTokenizer


class ApiError(Exception):
    def __init__(self, status: int, message: str, param: str | None = None, kind: str = "invalid_request_error"):
        super().__init__(message)
        self.status, self.message, self.param, self.kind = status, message, param, kind

    def body(self) -> dict:
        return {"error": {"message": self.message, "type": self.kind, "param": self.param, "code": self.status}}


class Counters:
    """Monotonic totals for /metrics, in vLLM's counter names."""

    def __init__(self):
        self.prompt_tokens = 0
        self.generation_tokens = 0
        self.finished = 0
        self.failed = 0


class Request:
    """One parsed completion request."""

    def __init__(self, chat: bool, input_ids: list[int], max_tokens: int, stream: bool, include_usage: bool):
        self.chat, self.input_ids, self.max_tokens = chat, input_ids, max_tokens
        self.stream, self.include_usage = stream, include_usage


class Api:
    def __init__(self, engine: Engine, model_name: str, max_model_len: int, default_max_tokens: int):
        self.engine = engine
        self.model_name = model_name
        self.max_model_len = max_model_len
        self.default_max_tokens = default_max_tokens
        self.tokenizer = WordTokenizer(engine.vocab_size)
        self.counters = Counters()
        self.created = int(time.time())

    def app(self) -> web.Application:
        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.add_routes([web.post("/v1/chat/completions", self.chat), web.post("/v1/completions", self.completions),
                        web.get("/v1/models", self.models), web.get("/metrics", self.metrics),
                        web.get("/health", self.health), web.get("/version", self.version)])
        return app

    # ------------------------------------------------------------------ parsing

    def _parse(self, body, chat: bool) -> Request:
        if not isinstance(body, dict):
            raise ApiError(400, "the request body must be a JSON object")
        model = body.get("model")
        if model is not None and model != self.model_name:
            raise ApiError(404, f"The model `{model}` does not exist.", "model", "NotFoundError")
        if body.get("n", 1) != 1:
            raise ApiError(400, "only n=1 is supported", "n")
        if chat:
            input_ids = self.tokenizer.encode_chat(self._messages(body.get("messages")))
        else:
            prompt = body.get("prompt")
            if not isinstance(prompt, str):
                raise ApiError(400, "prompt: a string is required", "prompt")
            input_ids = self.tokenizer.encode_prompt(prompt)
        room = self.max_model_len - len(input_ids)
        if room < 1:
            raise ApiError(400, f"This model's maximum context length is {self.max_model_len} tokens; "
                                f"the prompt has {len(input_ids)}.", "messages" if chat else "prompt")
        key = "max_completion_tokens" if body.get("max_completion_tokens") is not None else "max_tokens"
        max_tokens = body.get(key)
        if max_tokens is None:
            max_tokens = min(room, self.default_max_tokens)
        elif not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 1:
            raise ApiError(400, f"{key}: an integer >= 1 is required", key)
        elif max_tokens > room:
            raise ApiError(400, f"This model's maximum context length is {self.max_model_len} tokens: "
                                f"{len(input_ids)} prompt + {max_tokens} output tokens do not fit.", key)
        stream = body.get("stream", False)
        if not isinstance(stream, bool):
            raise ApiError(400, "stream: a boolean is required", "stream")
        options = body.get("stream_options") or {}
        if not isinstance(options, dict):
            raise ApiError(400, "stream_options: an object is required", "stream_options")
        return Request(chat, input_ids, max_tokens, stream, bool(options.get("include_usage", False)))

    @staticmethod
    def _messages(messages) -> list[tuple[str, str]]:
        if not isinstance(messages, list) or not messages:
            raise ApiError(400, "messages: a non-empty list is required", "messages")
        out = []
        for i, m in enumerate(messages):
            role = m.get("role") if isinstance(m, dict) else None
            if role not in ROLE_HEADERS:
                raise ApiError(400, f"messages[{i}].role: one of {', '.join(ROLE_HEADERS)} is required", "messages")
            content = m.get("content")
            if isinstance(content, list):  # content parts: only text counts
                content = " ".join(p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text")
            if content is None:
                content = ""
            if not isinstance(content, str):
                raise ApiError(400, f"messages[{i}].content: a string or a list of parts is required", "messages")
            out.append((role, content))
        return out

    # ------------------------------------------------------------------ completions

    async def chat(self, request: web.Request) -> web.StreamResponse:
        return await self._complete(request, chat=True)

    async def completions(self, request: web.Request) -> web.StreamResponse:
        return await self._complete(request, chat=False)

    async def _complete(self, http: web.Request, chat: bool) -> web.StreamResponse:
        try:
            try:
                body = await http.json()
            except ValueError as e:
                raise ApiError(400, f"the request body is not valid JSON: {e}")
            req = self._parse(body, chat)
            if self.engine.fatal_error() is not None:
                raise ApiError(503, f"the engine is down: {self.engine.fatal_error()}", kind="ServiceUnavailable")
        except ApiError as e:
            return web.json_response(e.body(), status=e.status)
        request_id = self.engine.next_request_id()
        outputs: asyncio.Queue = asyncio.Queue()
        if not self.engine.submit(request_id, req.input_ids, req.max_tokens, req.stream, outputs.put_nowait):
            e = ApiError(503, "the engine is not accepting requests", kind="ServiceUnavailable")
            return web.json_response(e.body(), status=e.status)
        self.counters.prompt_tokens += len(req.input_ids)
        reply = _Reply(request_id, self.model_name, chat)
        if req.stream:
            return await self._stream(http, req, reply, outputs)
        return await self._whole(req, reply, outputs)

    async def _stream(self, http: web.Request, req: Request, reply: "_Reply", outputs: asyncio.Queue):
        resp = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"})
        await resp.prepare(http)
        sent = 0
        try:
            if req.chat:
                await _send(resp, reply.chunk({"role": "assistant", "content": ""}, None))
            while True:
                out = await outputs.get()
                if out.error is not None:
                    self.counters.failed += 1
                    await _send(resp, ApiError(500, f"generation failed: {out.error}", kind="InternalServerError").body())
                    break
                new = out.generated_tokens[sent:]
                if new:
                    sent += len(new)
                    self.counters.generation_tokens += len(new)
                    await _send(resp, reply.chunk(self._content(req, new), None))
                if out.is_finished():
                    self.counters.finished += 1
                    await _send(resp, reply.chunk({} if req.chat else "", "length"))
                    if req.include_usage:
                        await _send(resp, reply.usage_chunk(len(req.input_ids), sent))
                    break
            await resp.write(b"data: [DONE]\n\n")
            await resp.write_eof()
        except (ConnectionResetError, asyncio.CancelledError):
            self.engine.cancel(reply.request_id)  # the client left: free its KV blocks
            raise
        return resp

    async def _whole(self, req: Request, reply: "_Reply", outputs: asyncio.Queue) -> web.Response:
        try:
            out = await outputs.get()
        except asyncio.CancelledError:
            self.engine.cancel(reply.request_id)
            raise
        if out.error is not None:
            self.counters.failed += 1
            e = ApiError(500, f"generation failed: {out.error}", kind="InternalServerError")
            return web.json_response(e.body(), status=e.status)
        tokens = out.generated_tokens
        self.counters.finished += 1
        self.counters.generation_tokens += len(tokens)
        return web.json_response(reply.whole(self._content(req, tokens), len(req.input_ids), len(tokens)))

    def _content(self, req: Request, tokens: list[int]):
        text = self.tokenizer.decode(tokens)
        return {"content": text} if req.chat else text

    # ------------------------------------------------------------------ introspection

    async def models(self, _: web.Request) -> web.Response:
        return web.json_response({"object": "list", "data": [
            {"id": self.model_name, "object": "model", "created": self.created, "owned_by": "hybench-gpu-engine",
             "root": self.model_name, "max_model_len": self.max_model_len}]})

    async def metrics(self, _: web.Request) -> web.Response:
        g = self.engine.gauges()
        c = self.counters
        label = '{model_name="%s"}' % self.model_name
        lines = []

        def metric(name, kind, help_text, value, sample_name=None):
            if value is None:
                return  # not known yet: absent rather than 0
            lines.append(f"# HELP {name} {help_text}")
            lines.append(f"# TYPE {name} {kind}")
            lines.append(f"{sample_name or name}{label} {float(value)}")

        metric("vllm:num_requests_running", "gauge", "Number of requests in model execution batches.", g.running)
        metric("vllm:num_requests_waiting", "gauge", "Number of requests waiting to be processed.", g.waiting)
        metric("vllm:kv_cache_usage_perc", "gauge", "KV-cache usage. 1 means 100 percent usage.", g.kv_cache_usage)
        metric("vllm:prompt_tokens", "counter", "Number of prefill tokens processed.", c.prompt_tokens,
               "vllm:prompt_tokens_total")
        metric("vllm:generation_tokens", "counter", "Number of generation tokens processed.", c.generation_tokens,
               "vllm:generation_tokens_total")
        metric("vllm:request_success", "counter", "Count of successfully processed requests.", c.finished,
               "vllm:request_success_total")
        metric("hybench_engine:request_failure", "counter", "Requests the engine failed.", c.failed,
               "hybench_engine:request_failure_total")
        return web.Response(text="\n".join(lines) + "\n", content_type="text/plain", charset="utf-8")

    async def health(self, _: web.Request) -> web.Response:
        error = self.engine.fatal_error()
        return web.Response(status=200 if error is None else 503, text="ok" if error is None else error)

    async def version(self, _: web.Request) -> web.Response:
        r = self.engine.resolved()
        return web.json_response({"version": f"hybench-gpu-engine (transformers {r['transformers']}, torch {r['torch']})",
                                  "engine": r})


class _Reply:
    """OpenAI response objects for one request."""

    def __init__(self, request_id: str, model: str, chat: bool):
        self.request_id, self.model, self.chat = request_id, model, chat
        self.id = ("chatcmpl-" if chat else "cmpl-") + request_id
        self.created = int(time.time())
        self.object = "chat.completion" if chat else "text_completion"

    def chunk(self, content, finish_reason) -> dict:
        choice = {"index": 0, "finish_reason": finish_reason}
        choice["delta" if self.chat else "text"] = content
        obj = "chat.completion.chunk" if self.chat else "text_completion"
        return {"id": self.id, "object": obj, "created": self.created, "model": self.model, "choices": [choice]}

    def usage_chunk(self, prompt: int, completion: int) -> dict:
        obj = "chat.completion.chunk" if self.chat else "text_completion"
        return {"id": self.id, "object": obj, "created": self.created, "model": self.model, "choices": [],
                "usage": _usage(prompt, completion)}

    def whole(self, content, prompt: int, completion: int) -> dict:
        choice = {"index": 0, "finish_reason": "length"}
        if self.chat:
            choice["message"] = {"role": "assistant", **content}
        else:
            choice["text"] = content
        return {"id": self.id, "object": self.object, "created": self.created, "model": self.model,
                "choices": [choice], "usage": _usage(prompt, completion)}


def _usage(prompt: int, completion: int) -> dict:
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


async def _send(resp: web.StreamResponse, obj: dict) -> None:
    await resp.write(b"data: " + json.dumps(obj, separators=(",", ":")).encode() + b"\n\n")


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="OpenAI-compatible server over transformers' continuous batching, "
                                            "on a randomly initialised Llama model.")
    p.add_argument("--shape", choices=sorted(SHAPES), default="llama-3.1-8b", help="model shape (default %(default)s)")
    p.add_argument("--served-model-name", help="model id in the API (default: random-<shape>)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000, help="0 picks a free port (printed on the ready line)")
    p.add_argument("--device", help="cuda or cpu (default: cuda when available)")
    p.add_argument("--dtype", choices=["bfloat16", "float16", "float32"], help="default bfloat16 on cuda, float32 on cpu")
    p.add_argument("--seed", type=int, default=0, help="weights' random seed")
    p.add_argument("--max-model-len", type=int, default=8192, help="prompt + output tokens per request")
    p.add_argument("--default-max-tokens", type=int, default=1024, help="output tokens when a request sets none")
    p.add_argument("--block-size", type=int, default=256, help="KV cache block size in tokens")
    p.add_argument("--num-blocks", type=int, help="KV cache blocks (default: from free GPU memory)")
    p.add_argument("--max-batch-tokens", type=int, help="tokens per forward pass (default: from free GPU memory)")
    p.add_argument("--max-requests-per-batch", type=int, help="requests per forward pass (default: transformers')")
    p.add_argument("--max-memory-percent", type=float, help="share of free GPU memory for the KV cache")
    p.add_argument("--cuda-graphs", choices=["auto", "on", "off"], default="auto")
    p.add_argument("--async-batching", choices=["auto", "on", "off"], default="auto")
    p.add_argument("--attn-implementation", default="sdpa", help="transformers attention (sdpa, eager, flash_attention_2)")
    p.add_argument("--no-warmup", dest="warmup", action="store_false",
                   help="skip the manager's warm-up (cache creation, CUDA graph capture) before listening")
    args = p.parse_args(argv)
    for name in ("max_model_len", "default_max_tokens", "block_size"):
        if getattr(args, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be >= 1")
    return args


async def serve(args) -> None:
    engine = Engine(settings_from_args(args))
    if args.max_model_len > engine.max_position_embeddings:
        raise SystemExit(f"--max-model-len {args.max_model_len} exceeds the model's {engine.max_position_embeddings}")
    api = Api(engine, args.served_model_name or f"random-{args.shape}", args.max_model_len, args.default_max_tokens)
    runner = web.AppRunner(api.app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, args.host, args.port)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    print("engine: " + json.dumps(engine.resolved()), flush=True)
    print(f"ready: http://{args.host}:{port}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
        engine.stop()


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
