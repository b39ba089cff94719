"""A small chat service for airm's app mode (docs/app-mode.md).

It answers POST /chat through the official openai SDK: first the primary provider, behind a
pybreaker circuit breaker, then a backup provider when the primary fails or its breaker is open.
It exposes GET /health, its breaker's state as Prometheus text (GET /metrics) and as JSON
(GET /breakers), and logs every real transition of its breaker, with a timestamp, to
BREAKER_LOG as JSON lines.

Settings come from the environment: PRIMARY_BASE_URL, BACKUP_BASE_URL, PORT, FAIL_MAX,
RESET_TIMEOUT (seconds), BREAKER_LOG.
"""

import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import openai
import pybreaker

PORT = int(os.environ.get("PORT", "8000"))
FAIL_MAX = int(os.environ.get("FAIL_MAX", "3"))
RESET_TIMEOUT = float(os.environ.get("RESET_TIMEOUT", "5"))
BREAKER_LOG = os.environ.get("BREAKER_LOG", "breaker-transitions.jsonl")
MODEL = os.environ.get("MODEL", "gpt-4o-mini")

primary = openai.OpenAI(base_url=os.environ["PRIMARY_BASE_URL"], api_key="airm-fake", max_retries=0, timeout=5)
backup = openai.OpenAI(base_url=os.environ["BACKUP_BASE_URL"], api_key="airm-fake", max_retries=0, timeout=5)
log_lock = threading.Lock()


class TransitionLog(pybreaker.CircuitBreakerListener):
    """Writes each state change of the breaker as it really happens."""

    def state_change(self, cb, old_state, new_state):
        line = {"t": time.time(), "name": cb.name, "from": old_state.name if old_state else None, "to": new_state.name}
        with log_lock, open(BREAKER_LOG, "a") as out:
            out.write(json.dumps(line) + "\n")


breaker = pybreaker.CircuitBreaker(fail_max=FAIL_MAX, reset_timeout=RESET_TIMEOUT, name="primary",
                                   listeners=[TransitionLog()])
STATE_VALUES = {"closed": 0, "open": 1, "half-open": 2}


def ask(client, prompt):
    answer = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": prompt}], max_tokens=16)
    return answer.choices[0].message.content


def chat(prompt):
    try:
        return 200, {"answer": breaker.call(ask, primary, prompt), "via": "primary"}
    except Exception:  # the primary failed, or its breaker is open: fall back
        try:
            return 200, {"answer": ask(backup, prompt), "via": "backup"}
        except Exception as error:
            return 502, {"error": f"both providers failed: {error}"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def send(self, status, body, content_type="application/json"):
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        state = breaker.current_state
        if self.path == "/health":
            self.send(200, {"ok": True})
        elif self.path == "/metrics":
            text = ("# HELP app_breaker_state 0 closed, 1 open, 2 half open\n# TYPE app_breaker_state gauge\n"
                    f'app_breaker_state{{name="{breaker.name}"}} {STATE_VALUES.get(state, 1)}\n')
            self.send(200, text, "text/plain; version=0.0.4")
        elif self.path == "/breakers":
            self.send(200, {"breakers": [{"name": breaker.name, "state": state}]})
        else:
            self.send(404, {"error": "not found"})

    def do_POST(self):
        if self.path != "/chat":
            self.send(404, {"error": "not found"})
            return
        length = int(self.headers.get("content-length", "0"))
        request = json.loads(self.rfile.read(length) or b"{}")
        status, body = chat(request.get("prompt", ""))
        self.send(status, body)

    def log_message(self, format, *args):
        pass


if __name__ == "__main__":
    open(BREAKER_LOG, "w").close()
    server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    print(f"chat app on http://127.0.0.1:{PORT}, breaker fail_max={FAIL_MAX} reset_timeout={RESET_TIMEOUT}s", flush=True)
    server.serve_forever()
