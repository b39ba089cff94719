"""An open-model HTTP/1.1 load client: sends POSTs at a constant arrival rate and times each one
from its scheduled send time, so a slow answer never delays or hides the sends after it
(no coordinated omission). Every target is measured by the same process in the same run.

A sender thread sleeps until each scheduled time and hands the send to an asyncio loop, which
writes the request on an idle keep-alive connection (or opens one) and reads the answer by
Content-Length or chunks. With --block S the targets take turns every S seconds, so both see the
same background load; otherwise they run one after the other. Either way an untimed warm-up at
the same rate comes first.

For each target it prints, in ms: the latency from the scheduled time (the figure that counts),
the latency from the moment the request was written (service time), and how late the sends
were; then the first target minus each later one at p50 and p99. With --pid it also samples that
process's VmRSS every 50 ms and its CPU time while each target is being sent to.

Usage: open-load.py --rate N --duration S [--warmup S] [--block S] [--pid PID] [--json FILE]
                    NAME=http://127.0.0.1:PORT/PATH=BODY ...
"""
import argparse
import asyncio
import json
import math
import os
import sys
import threading
import time
from urllib.parse import urlsplit


def percentile(sorted_values, p):
    """The nearest-rank percentile of a sorted list."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


class Target:
    def __init__(self, spec):
        name, rest = spec.split("=", 1)
        url, _, body = rest.partition("=")
        parts = urlsplit(url)
        self.name, self.host, self.port = name, parts.hostname, parts.port or 80
        body_bytes = body.encode()
        self.request = (f"POST {parts.path or '/'} HTTP/1.1\r\nHost: {parts.hostname}:{self.port}\r\n"
                        f"Content-Type: application/json\r\nAuthorization: Bearer bench\r\n"
                        f"Content-Length: {len(body_bytes)}\r\n\r\n").encode() + body_bytes


async def read_answer(reader):
    """Reads one HTTP/1.1 answer; returns its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length, chunked = None, False
    for line in lines[1:]:
        key, _, value = line.partition(b":")
        key = key.strip().lower()
        if key == b"content-length":
            length = int(value)
        elif key == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


class Phase:
    def __init__(self, target, timed):
        self.target, self.timed = target, timed
        self.from_schedule, self.from_send, self.late = [], [], []
        self.sent = self.ok = self.errors = self.opened = 0
        self.pending = 0
        self.idle = []
        self.tasks = set()
        self.done = None
        self.server_cpu = 0.0

    def fire(self, scheduled):
        """Counts a send as pending at once, so the phase waits for it, and starts it."""
        self.sent += 1
        self.pending += 1
        task = asyncio.get_running_loop().create_task(self.one(scheduled))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def one(self, scheduled):
        started = time.perf_counter()
        connection = None
        try:
            if self.idle:
                connection = self.idle.pop()
            else:
                connection = await asyncio.open_connection(self.target.host, self.target.port)
                self.opened += 1
            reader, writer = connection
            written = time.perf_counter()
            writer.write(self.target.request)
            status = await read_answer(reader)
            finished = time.perf_counter()
            if 200 <= status < 300:
                self.ok += 1
                if self.timed:
                    self.from_schedule.append(finished - scheduled)
                    self.from_send.append(finished - written)
                    self.late.append(started - scheduled)
            else:
                self.errors += 1
            self.idle.append(connection)
        except Exception:
            self.errors += 1
            if connection:
                connection[1].close()
        finally:
            self.pending -= 1
            if self.pending == 0 and self.done is not None:
                self.done.set()


def send_on_schedule(loop, phases, rate, seconds, block, pid):
    """Sleeps until each scheduled time and hands the send to the loop; returns when all are handed over.

    With `block`, the phases take turns every `block` seconds, each getting `seconds` in all; without,
    they run one after the other. With `pid`, that process's CPU time is added to the phase of each turn.
    """
    interval = 1 / rate
    per_phase = round(rate * seconds)
    per_block = round(rate * block) if block else per_phase
    start = time.perf_counter() + 0.05
    cpu = cpu_seconds(pid) if pid else 0
    current = None
    for i in range(per_phase * len(phases)):
        phase = phases[(i // per_block) % len(phases)]
        scheduled = start + i * interval
        wait = scheduled - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        if phase is not current:
            if pid:
                now = cpu_seconds(pid)
                if current:
                    current.server_cpu += now - cpu
                cpu = now
            current = phase
        loop.call_soon_threadsafe(phase.fire, scheduled)
    if pid and current:
        current.server_cpu += cpu_seconds(pid) - cpu


def cpu_seconds(pid):
    """User + system CPU seconds of a process."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class RSSSampler(threading.Thread):
    """Samples a process's VmRSS every 50 ms; `peak` is the largest since the last `reset`, in kB."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.stopped = pid, 0, False

    def run(self):
        while not self.stopped:
            try:
                for line in open(f"/proc/{self.pid}/status"):
                    if line.startswith("VmRSS:"):
                        self.peak = max(self.peak, int(line.split()[1]))
            except OSError:
                return
            time.sleep(0.05)


async def run_phases(phases, rate, seconds, block, pid):
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, send_on_schedule, loop, phases, rate, seconds, block, pid)
    await asyncio.sleep(0)
    for phase in phases:
        if phase.pending:
            phase.done = asyncio.Event()
            try:
                await asyncio.wait_for(phase.done.wait(), 30)
            except asyncio.TimeoutError:
                pass
        phase.done = None


def summary(values):
    values = sorted(values)
    return {name: percentile(values, p) * 1000 for name, p in
            (("p50", 50), ("p90", 90), ("p99", 99), ("p99.9", 99.9), ("max", 100))}


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, required=True)
    parser.add_argument("--duration", type=float, required=True)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--block", type=float, default=0)
    parser.add_argument("--pid", type=int)
    parser.add_argument("--json")
    parser.add_argument("targets", nargs="+")
    args = parser.parse_args()
    sys.setswitchinterval(0.0002)
    sampler = None
    if args.pid:
        sampler = RSSSampler(args.pid)
        sampler.start()
    results = []
    targets = list(map(Target, args.targets))
    runs = [targets] if args.block else [[target] for target in targets]
    for run in runs:
        warm = [Phase(target, timed=False) for target in run]
        await run_phases(warm, args.rate, args.warmup, args.block, None)
        if sampler:
            sampler.peak = 0
        phases = [Phase(target, timed=True) for target in run]
        for phase, before in zip(phases, warm):
            phase.idle = before.idle
        await run_phases(phases, args.rate, args.duration, args.block, args.pid)
        for phase, before in zip(phases, warm):
            for _, writer in phase.idle:
                writer.close()
            result = {
                "name": phase.target.name, "sent": phase.sent, "ok": phase.ok, "errors": phase.errors,
                "warmup_sent": before.sent, "warmup_errors": before.errors, "connections": before.opened + phase.opened,
                "from_schedule": summary(phase.from_schedule), "from_send": summary(phase.from_send),
                "late": summary(phase.late),
            }
            if args.pid:
                result["server_cpu_s"] = phase.server_cpu
                result["server_peak_rss_kb"] = sampler.peak
            results.append(result)

    order = f"taking turns every {args.block:g} s" if args.block else "one after the other"
    print(f"{args.rate:g} req/s for {args.duration:g} s per target, {order}, after {args.warmup:g} s of warm-up; ms")
    print(f"{'target':<8} {'sent':>6} {'ok':>6} {'errors':>6}  {'measure':<14} {'p50':>7} {'p90':>7} {'p99':>7} {'p99.9':>7} {'max':>8}")
    for r in results:
        for key, label in (("from_schedule", "from schedule"), ("from_send", "from send"), ("late", "send lateness")):
            s = r[key]
            head = f"{r['name']:<8} {r['sent']:>6} {r['ok']:>6} {r['errors']:>6}" if key == "from_schedule" else " " * 29
            print(f"{head}  {label:<14} {s['p50']:>7.3f} {s['p90']:>7.3f} {s['p99']:>7.3f} {s['p99.9']:>7.3f} {s['max']:>8.3f}")
    first = results[0]
    for other in results[1:]:
        for key, label in (("from_schedule", "from schedule"), ("from_send", "from send")):
            print(f"added by {first['name']} over {other['name']} ({label}): "
                  f"p50 {first[key]['p50'] - other[key]['p50']:+.3f} ms, p99 {first[key]['p99'] - other[key]['p99']:+.3f} ms")
    if args.pid:
        for r in results:
            per = r["server_cpu_s"] / r["sent"] * 1e6 if r["sent"] else math.nan
            print(f"pid {args.pid} during {r['name']}: {r['server_cpu_s']:.2f} s CPU ({per:.0f} us per request), "
                  f"peak VmRSS {r['server_peak_rss_kb'] / 1024:.1f} MB")
    if args.json:
        json.dump(results, open(args.json, "w"), indent=2)


asyncio.run(main())
