#!/usr/bin/env python3
"""The five official provider SDKs against a running `airm fake-providers` (docs/providers.md).

Usage: sdk-check.py http://127.0.0.1:PORT

For each SDK (openai, anthropic, google-genai, cohere, huggingface-hub): a plain and a streamed
answer, the finish reason when max_tokens cuts the answer, embeddings and the models list where
the SDK has them, and faults posted to the fake's control API (/_airm/faults): a 429 whose
Retry-After the SDK's own retry honours (or the SDK's own retry of a 503 where it ignores
Retry-After), a 503 surfacing as the SDK's error, and the three endings of a cut stream.
Prints one line per check, then "N passed, M failed"; exits 1 when any check fails.
"""

import json
import sys
import time
import traceback
import urllib.error
import urllib.request

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8089"
FULL = "This is a simulated answer from the airm fake provider."
CUT = "This is a"
KEY = "test-key"
results = []


def check(sdk, name):
    """Runs the decorated function at once as one check; its return value is the detail shown."""

    def run(function):
        started = time.monotonic()
        try:
            detail = function() or ""
            ok = True
        except Exception as error:  # a failed check, whatever raised it
            detail = f"{type(error).__name__}: {error}".splitlines()[0][:160]
            if "-v" in sys.argv:
                traceback.print_exc()
            ok = False
        try:
            faults("DELETE")
        except Exception as error:  # the fake must stay reachable between checks
            ok, detail = False, f"clearing faults: {type(error).__name__}: {error}"
        results.append((sdk, name, ok, f"{time.monotonic() - started:5.2f}s", detail))
        print(f"{'PASS' if ok else 'FAIL'}  {sdk:<16} {name:<34} {detail}", flush=True)
        return function

    return run


def faults(method, fault=None):
    """Calls the fake's control API; a posted fault must be accepted."""
    body = json.dumps(fault).encode() if fault is not None else None
    request = urllib.request.Request(BASE + "/_airm/faults", data=body, method=method)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read())


def post(fault):
    status, answer = faults("POST", fault)
    assert status == 201, answer


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def raises(function):
    """The exception `function` raises, or an AssertionError when it returns."""
    try:
        function()
    except Exception as error:  # the SDK's error is the point
        return error
    raise AssertionError("no error raised")


def timed(function):
    started = time.monotonic()
    value = function()
    return value, time.monotonic() - started


def cut(target, ending, after="after_tokens", at=2):
    post({"type": "stream_cut", "target": target, after: at, "ending": ending})


def vector_ok(vector, length=64):
    expect(len(vector) == length, f"vector of {len(vector)}, not {length}")
    norm = sum(float(x) * float(x) for x in vector)
    expect(abs(norm - 1) < 1e-3, f"norm {norm}")


# MARK: - OpenAI

def openai_checks():
    import openai

    client = openai.OpenAI(base_url=BASE + "/v1", api_key=KEY, max_retries=2)
    messages = [{"role": "user", "content": "Hi"}]
    model = "gpt-4o-mini"

    @check("openai", "chat")
    def _():
        answer = client.chat.completions.create(model=model, messages=messages)
        expect(answer.choices[0].message.content == FULL, answer.choices[0].message.content)
        expect(answer.choices[0].finish_reason == "stop", answer.choices[0].finish_reason)
        expect(answer._request_id.startswith("req_"), answer._request_id)
        return f"request id {answer._request_id}"

    @check("openai", "chat stream")
    def _():
        chunks = list(client.chat.completions.create(model=model, messages=messages, stream=True,
                                                     stream_options={"include_usage": True}))
        text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
        reasons = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
        expect(text == FULL and reasons == ["stop"], (text, reasons))
        expect(chunks[-1].usage.completion_tokens == 11, chunks[-1].usage)
        return f"{len(chunks)} chunks"

    @check("openai", "max_tokens: finish_reason length")
    def _():
        answer = client.chat.completions.create(model=model, messages=messages, max_tokens=3)
        streamed = list(client.chat.completions.create(model=model, messages=messages, max_tokens=3, stream=True))
        expect(answer.choices[0].finish_reason == "length", answer.choices[0].finish_reason)
        expect(answer.choices[0].message.content == CUT, answer.choices[0].message.content)
        expect(streamed[-1].choices[0].finish_reason == "length", streamed[-1])
        return "plain and streamed"

    @check("openai", "embeddings")
    def _():
        answer = client.embeddings.create(model="text-embedding-3-small", input=["alpha", "beta", "alpha"])
        vectors = [item.embedding for item in answer.data]
        for vector in vectors:
            vector_ok(vector)
        expect(vectors[0] == vectors[2] and vectors[0] != vectors[1], "not one vector per text")
        encoded = client.embeddings.create(model="text-embedding-3-small", input="alpha", encoding_format="base64")
        expect(isinstance(encoded.data[0].embedding, str), "base64 not a string")
        return f"{len(vectors)} x {len(vectors[0])}"

    @check("openai", "models list")
    def _():
        ids = [model.id for model in client.models.list()]
        expect("gpt-4o-mini" in ids, ids)
        return ", ".join(ids)

    @check("openai", "429: Retry-After honoured")
    def _():
        post({"type": "rate_limit", "target": "openai", "retry_after": "2s", "for": "1s"})
        answer, elapsed = timed(lambda: client.chat.completions.create(model=model, messages=messages))
        expect(answer.choices[0].message.content == FULL, answer)
        expect(elapsed >= 1.9, f"retried after {elapsed:.2f}s, before Retry-After: 2")
        return f"retried, answered after {elapsed:.2f}s"

    @check("openai", "503: InternalServerError")
    def _():
        post({"type": "error", "status": 503, "target": "openai"})
        error = raises(lambda: client.with_options(max_retries=0).chat.completions.create(model=model, messages=messages))
        expect(isinstance(error, openai.InternalServerError) and error.status_code == 503, repr(error))
        return f"{type(error).__name__} {error.status_code}"

    stream_cuts("openai", "openai", lambda: client.chat.completions.create(model=model, messages=messages, stream=True),
                lambda chunk: bool(chunk.choices and chunk.choices[0].finish_reason))


def stream_cuts(sdk, target, start, is_final):
    """A truncated and a reset stream raise the SDK's error; a clean end is read to its end
    without the final event, which the caller has to notice."""

    for ending in ["truncated", "reset"]:
        @check(sdk, f"cut stream ({ending}): raises")
        def _():
            cut(target, ending)
            error = raises(lambda: list(start()))
            return type(error).__name__

    @check(sdk, "cut stream (clean): no final event")
    def _():
        cut(target, "clean")
        chunks = list(start())
        expect(chunks and not any(is_final(c) for c in chunks), chunks)
        return f"{len(chunks)} events, none final; the SDK raised nothing"

    @check(sdk, "cut stream after 300ms")
    def _():
        cut(target, "truncated", after="after", at="300ms")
        error, elapsed = timed(lambda: raises(lambda: list(start())))
        expect(elapsed >= 0.3, f"cut after {elapsed:.2f}s")
        return f"{type(error).__name__} after {elapsed:.2f}s"


# MARK: - Anthropic

def anthropic_checks():
    import anthropic

    client = anthropic.Anthropic(base_url=BASE, api_key=KEY, max_retries=2)
    messages = [{"role": "user", "content": "Hi"}]
    model = "claude-haiku-4-5"

    @check("anthropic", "messages")
    def _():
        answer = client.messages.create(model=model, max_tokens=1024, messages=messages)
        expect(answer.content[0].text == FULL and answer.stop_reason == "end_turn", answer)
        expect(answer._request_id.startswith("req_"), answer._request_id)
        return f"request id {answer._request_id}"

    @check("anthropic", "messages stream")
    def _():
        with client.messages.stream(model=model, max_tokens=1024, messages=messages) as stream:
            text = "".join(stream.text_stream)
            final = stream.get_final_message()
        expect(text == FULL and final.stop_reason == "end_turn", (text, final.stop_reason))
        return f"stop_reason {final.stop_reason}"

    @check("anthropic", "max_tokens: stop_reason max_tokens")
    def _():
        answer = client.messages.create(model=model, max_tokens=3, messages=messages)
        with client.messages.stream(model=model, max_tokens=3, messages=messages) as stream:
            final = stream.get_final_message()
        expect(answer.stop_reason == "max_tokens" and answer.content[0].text == CUT, answer)
        expect(final.stop_reason == "max_tokens", final)
        return "plain and streamed"

    @check("anthropic", "models list")
    def _():
        ids = [model.id for model in client.models.list()]
        expect(model in ids, ids)
        return ", ".join(ids)

    @check("anthropic", "429: retry-after honoured")
    def _():
        post({"type": "rate_limit", "target": "anthropic", "retry_after": "2s", "for": "1s"})
        answer, elapsed = timed(lambda: client.messages.create(model=model, max_tokens=64, messages=messages))
        expect(answer.content[0].text == FULL, answer)
        expect(elapsed >= 1.9, f"retried after {elapsed:.2f}s, before retry-after: 2")
        return f"retried, answered after {elapsed:.2f}s"

    @check("anthropic", "503: APIStatusError")
    def _():
        post({"type": "error", "status": 503, "target": "anthropic"})
        error = raises(lambda: client.with_options(max_retries=0).messages.create(model=model, max_tokens=64,
                                                                                  messages=messages))
        expect(isinstance(error, anthropic.APIStatusError) and error.status_code == 503, repr(error))
        return f"{type(error).__name__} {error.status_code}"

    stream_cuts("anthropic", "anthropic",
                lambda: client.messages.create(model=model, max_tokens=64, messages=messages, stream=True),
                lambda event: event.type in ("message_delta", "message_stop"))


# MARK: - Gemini

def gemini_checks():
    from google import genai
    from google.genai import errors, types

    def make(retry=None, version=None):
        return genai.Client(api_key=KEY, http_options=types.HttpOptions(base_url=BASE, retry_options=retry,
                                                                        api_version=version))

    client = make(types.HttpRetryOptions(attempts=1))
    model = "gemini-2.0-flash"

    @check("google-genai", "generate_content")
    def _():
        answer = client.models.generate_content(model=model, contents="Hi")
        expect(answer.text == FULL, answer.text)
        expect(answer.candidates[0].finish_reason == types.FinishReason.STOP, answer.candidates[0].finish_reason)
        v1beta = make(types.HttpRetryOptions(attempts=1), "v1beta")
        beta = v1beta.models.generate_content(model=model, contents="Hi")
        expect(beta.text == FULL, beta.text)
        return f"finish_reason {answer.candidates[0].finish_reason.value}, on /v1 and /v1beta"

    @check("google-genai", "generate_content_stream")
    def _():
        chunks = list(client.models.generate_content_stream(model=model, contents="Hi"))
        text = "".join(chunk.text or "" for chunk in chunks)
        expect(text == FULL, text)
        expect(chunks[-1].candidates[0].finish_reason == types.FinishReason.STOP, chunks[-1])
        return f"{len(chunks)} chunks"

    @check("google-genai", "max_output_tokens: MAX_TOKENS")
    def _():
        config = types.GenerateContentConfig(max_output_tokens=3)
        answer = client.models.generate_content(model=model, contents="Hi", config=config)
        chunks = list(client.models.generate_content_stream(model=model, contents="Hi", config=config))
        expect(answer.candidates[0].finish_reason == types.FinishReason.MAX_TOKENS and answer.text == CUT, answer)
        expect(chunks[-1].candidates[0].finish_reason == types.FinishReason.MAX_TOKENS, chunks[-1])
        return "plain and streamed"

    @check("google-genai", "embed_content")
    def _():
        answer = client.models.embed_content(model="text-embedding-004", contents=["alpha", "beta"])
        for embedding in answer.embeddings:
            vector_ok(embedding.values)
        expect(len(answer.embeddings) == 2, answer)
        return f"{len(answer.embeddings)} x {len(answer.embeddings[0].values)}"

    @check("google-genai", "models list")
    def _():
        names = [model.name for model in client.models.list()]
        expect("models/gemini-2.0-flash" in names, names)
        return ", ".join(names)

    @check("google-genai", "missing key: 403 PERMISSION_DENIED")
    def _():
        request = urllib.request.Request(BASE + f"/v1/models/{model}:generateContent", method="POST",
                                         data=b'{"contents":[{"parts":[{"text":"Hi"}]}]}',
                                         headers={"content-type": "application/json"})
        try:
            urllib.request.urlopen(request, timeout=10)
            raise AssertionError("answered without a key")
        except urllib.error.HTTPError as error:
            body = json.loads(error.read())
            expect(error.code == 403 and body["error"]["status"] == "PERMISSION_DENIED", body)
            return body["error"]["message"][:60] + "…"

    @check("google-genai", "503: its retry options retry")
    def _():
        retrying = make(types.HttpRetryOptions(attempts=3, initial_delay=0.5, max_delay=1))
        post({"type": "error", "status": 503, "target": "gemini", "for": "300ms"})
        answer, elapsed = timed(lambda: retrying.models.generate_content(model=model, contents="Hi"))
        expect(answer.text == FULL, answer)
        return f"answered after {elapsed:.2f}s"

    @check("google-genai", "429: ClientError with RetryInfo")
    def _():
        post({"type": "rate_limit", "target": "gemini", "retry_after": "47s"})
        error = raises(lambda: client.models.generate_content(model=model, contents="Hi"))
        expect(isinstance(error, errors.ClientError) and error.code == 429, repr(error))
        expect(error.details["error"]["details"][0]["retryDelay"] == "47s", error.details)
        return f"{type(error).__name__} {error.code} {error.status}"

    stream_cuts("google-genai", "gemini", lambda: client.models.generate_content_stream(model=model, contents="Hi"),
                lambda chunk: bool(chunk.candidates and chunk.candidates[0].finish_reason))


# MARK: - Cohere

def cohere_checks():
    import cohere

    client = cohere.ClientV2(api_key=KEY, base_url=BASE)
    messages = [{"role": "user", "content": "Hi"}]
    model = "command-r"

    @check("cohere", "chat")
    def _():
        answer = client.chat(model=model, messages=messages)
        expect(answer.message.content[0].text == FULL and answer.finish_reason == "COMPLETE", answer)
        return f"finish_reason {answer.finish_reason}"

    @check("cohere", "chat_stream")
    def _():
        events = list(client.chat_stream(model=model, messages=messages))
        text = "".join(e.delta.message.content.text for e in events if e.type == "content-delta")
        expect(text == FULL and events[-1].type == "message-end", (text, events[-1].type))
        expect(events[-1].delta.finish_reason == "COMPLETE", events[-1])
        return f"{len(events)} events"

    @check("cohere", "max_tokens: MAX_TOKENS")
    def _():
        answer = client.chat(model=model, messages=messages, max_tokens=3)
        events = list(client.chat_stream(model=model, messages=messages, max_tokens=3))
        expect(answer.finish_reason == "MAX_TOKENS" and answer.message.content[0].text == CUT, answer)
        expect(events[-1].delta.finish_reason == "MAX_TOKENS", events[-1])
        return "plain and streamed"

    @check("cohere", "embed")
    def _():
        answer = client.embed(model="embed-english-v3.0", texts=["alpha", "beta"], input_type="search_document",
                              embedding_types=["float"])
        for vector in answer.embeddings.float_:
            vector_ok(vector)
        return f"{len(answer.embeddings.float_)} x {len(answer.embeddings.float_[0])}"

    @check("cohere", "models list")
    def _():
        names = [model.name for model in client.models.list().models]
        expect("command-r" in names, names)
        return ", ".join(names)

    @check("cohere", "429: Retry-After honoured")
    def _():
        post({"type": "rate_limit", "target": "cohere", "retry_after": "2s", "for": "1s"})
        answer, elapsed = timed(lambda: client.chat(model=model, messages=messages))
        expect(answer.message.content[0].text == FULL, answer)
        expect(elapsed >= 1.9, f"retried after {elapsed:.2f}s, before Retry-After: 2")
        return f"retried, answered after {elapsed:.2f}s"

    @check("cohere", "503: ServiceUnavailableError")
    def _():
        post({"type": "error", "status": 503, "target": "cohere"})
        error = raises(lambda: client.chat(model=model, messages=messages, request_options={"max_retries": 0}))
        expect(getattr(error, "status_code", None) == 503, repr(error))
        return f"{type(error).__name__} {error.status_code}"

    stream_cuts("cohere", "cohere", lambda: client.chat_stream(model=model, messages=messages),
                lambda event: event.type == "message-end")


# MARK: - HuggingFace

def huggingface_checks():
    from huggingface_hub import InferenceClient
    from huggingface_hub.errors import HfHubHTTPError

    chat_model = BASE + "/models/meta-llama/Llama-3.1-8B-Instruct"
    client = InferenceClient(model=chat_model, token="hf_" + KEY)
    messages = [{"role": "user", "content": "Hi"}]

    @check("huggingface-hub", "chat_completion")
    def _():
        answer = client.chat_completion(messages=messages)
        expect(answer.choices[0].message.content == FULL and answer.choices[0].finish_reason == "stop", answer)
        return f"model {answer.model}"

    @check("huggingface-hub", "chat_completion stream")
    def _():
        chunks = list(client.chat_completion(messages=messages, stream=True))
        text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
        expect(text == FULL and chunks[-1].choices[0].finish_reason == "stop", (text, chunks[-1]))
        return f"{len(chunks)} chunks"

    @check("huggingface-hub", "max_tokens: finish_reason length")
    def _():
        answer = client.chat_completion(messages=messages, max_tokens=3)
        chunks = list(client.chat_completion(messages=messages, max_tokens=3, stream=True))
        expect(answer.choices[0].finish_reason == "length" and answer.choices[0].message.content == CUT, answer)
        expect(chunks[-1].choices[0].finish_reason == "length", chunks[-1])
        return "plain and streamed"

    @check("huggingface-hub", "text_generation")
    def _():
        generator = InferenceClient(model=BASE + "/models/gpt2", token="hf_" + KEY)
        text = generator.text_generation("Hi", max_new_tokens=3)
        detailed = generator.text_generation("Hi", max_new_tokens=3, details=True)
        streamed = "".join(generator.text_generation("Hi", max_new_tokens=3, stream=True))
        expect(text == CUT and streamed == CUT, (text, streamed))
        expect(detailed.details.finish_reason == "length", detailed)
        return "plain, detailed and streamed"

    @check("huggingface-hub", "feature_extraction")
    def _():
        embedder = InferenceClient(model=BASE + "/models/sentence-transformers/all-MiniLM-L6-v2", token="hf_" + KEY)
        vector = embedder.feature_extraction("alpha")
        vector_ok(list(vector))
        again = embedder.feature_extraction("alpha")
        expect((vector == again).all(), "not deterministic")
        return f"ndarray {vector.shape}"

    @check("huggingface-hub", "503: HfHubHTTPError (no retry)")
    def _():
        post({"type": "error", "status": 503, "target": "huggingface"})
        error = raises(lambda: client.chat_completion(messages=messages))
        expect(isinstance(error, HfHubHTTPError) and error.response.status_code == 503, repr(error))
        return f"{type(error).__name__} {error.response.status_code}"

    stream_cuts("huggingface-hub", "huggingface", lambda: client.chat_completion(messages=messages, stream=True),
                lambda chunk: bool(chunk.choices and chunk.choices[0].finish_reason))


def main():
    for checks in [openai_checks, anthropic_checks, gemini_checks, cohere_checks, huggingface_checks]:
        checks()
    failed = [r for r in results if not r[2]]
    print()
    print(f"{'sdk':<16} {'check':<34} {'result':<6} {'time':>6}")
    for sdk, name, ok, elapsed, _ in results:
        print(f"{sdk:<16} {name:<34} {'pass' if ok else 'FAIL':<6} {elapsed:>6}")
    print()
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
