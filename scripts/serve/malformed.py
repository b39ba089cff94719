"""Sends malformed and oversized bodies to a running `airm serve` and checks that each gets a 4xx,
that the server stays up, and that its resident memory stays flat (within 10% after a warm-up).

Usage: malformed.py PORT PID TOKEN [COUNT]
"""
import http.client
import json
import random
import sys

port, pid, token = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
count = int(sys.argv[4]) if len(sys.argv) > 4 else 10_000
random.seed(1)

ROUTES = ["/ai", "/ai/primary", "/chaos/inject", "/chaos/stop", "/circuit-breaker/reset",
          "/circuit-breaker/force-open", "/automation/start"]
BIG = b'{"prompt": "' + b"x" * (1024 * 1024 + 10) + b'"}'


def body(i):
    """One malformed body: broken JSON or YAML, wrong types, unknown keys, nulls, bad bytes, or too large."""
    kind = i % 10
    if kind == 0:
        return b'{"prompt": '
    if kind == 1:
        return json.dumps({"prompt": random.randint(0, 9)}).encode()
    if kind == 2:
        return json.dumps({"prompt": "x", random.choice("abcdef") * 3: 1}).encode()
    if kind == 3:
        return bytes(random.getrandbits(8) for _ in range(random.randint(1, 64)))
    if kind == 4:
        return b"[" * random.randint(1, 2000)
    if kind == 5:
        return b'{"type": "unavailable", "target": [' + b"[" * 500 + b"]"
    if kind == 6:
        return json.dumps({"provider": None, "name": None}).encode()
    if kind == 7:
        return b"type: latency\ntarget: primary\nfor: -1s\n"
    if kind == 8:
        return b"\xff\xfe" + b"a" * 100
    return BIG if i % 100 == 9 else b'{"rate": "fast", "prompt": {"a": [1, 2'


def rss_kib():
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise SystemExit("no VmRSS for the server")


def send(connection, i):
    route = ROUTES[i % len(ROUTES)]
    data = body(i)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    connection.request("POST", route, body=data, headers=headers)
    response = connection.getresponse()
    response.read()
    if not 400 <= response.status < 500:
        raise SystemExit(f"POST {route} with body #{i} ({data[:40]!r}…) answered {response.status}, expected a 4xx")
    return response.getheader("Connection", "").lower() == "close"


def run(total, offset):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for i in range(offset, offset + total):
        try:
            closed = send(connection, i)
        except (ConnectionError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            closed = send(connection, i)
        if closed:
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.close()


run(1_000, 0)
before = rss_kib()
run(count, 1_000)
after = rss_kib()
growth = (after - before) / before
print(f"malformed bodies: {count} answered 4xx; RSS {before} KiB -> {after} KiB ({growth:+.1%})")
if growth > 0.10:
    raise SystemExit("RSS grew by more than 10%")
