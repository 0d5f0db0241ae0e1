#!/usr/bin/env python3
"""Measures the language server as an editor sees it (issue 16's server rows, issue 14 points 3
and 5), over stdio against a built binary, on copy written here (never corpus text).

    tools/lsp_bench.py [--bin target/release/copydesk] SCENARIO...

Scenarios (all by default):
  short      330-word story: didChange -> publishDiagnostics of that version, for edits made
             while the server is idle (a writer typing at human speed). Median / p95 / max ms.
  long       the same on a 5,000-word story.
  big        1 MB story: didOpen -> first diagnostics, then edits as above.
  memory     opens 50 five-thousand-word stories, waits for every one's diagnostics, prints the
             server's resident memory (VmRSS, VmHWM from /proc).
  slow       issue 14 point 5: one keystroke every 40 ms for 8 s in a 600 KB story; samples the
             server's threads and memory, and times the last edit -> last diagnostics.
  responsive issue 14 point 3: while a 1 MB one-line story and two 300 KB one-line stories are
             analysed, hovers on a tiny story and then shutdown + exit are timed.

Times are wall clock on whatever machine runs this: read them beside the load.
"""
import json
import os
import queue
import random
import statistics
import subprocess
import sys
import threading
import time

PARAS = [
    "The shocking regime slammed the so-called rebels on Tuesday, and militants claimed the terrorist mob admitted TK losses.",
    "One source said the insurgents had fled last Monday. Critics blasted the embattled regime over the controversial plan.",
    "Officials will meet on Thursday, March 14, 2024. The brutal junta is said to have slammed TK protesters yesterday.",
    "Many analysts believe the extremists seized the town. A spokesman claimed the thugs admitted the shocking attack.",
    "“We have never seen the river this high,” said Ines Calder, who runs a bakery on Mill Street.",
    "Output at the Harlow steel works rose 4.2 pct in the third quarter to 1.31 mln tonnes, the company said in a statement on its results.",
    "Flood waters rose across the Marrow valley on Tuesday, forcing about 3,000 people from their homes, the regional emergency office said.",
    "The governor, Paul Ardent, claimed the dams had been inspected last year and slammed critics for what he called a shocking rush to judgment.",
    "Aid groups said they had delivered 40 tonnes of food. Many analysts believe the damage will top $2 billion.",
]
HEAD = "---\ntitle: Floods sweep Marrow valley\ndate: 2025-03-12\n---\n\nMARROW, Ore. (AP) — "


def story(words, sep="\n\n"):
    out, n, i = [HEAD], 0, 0
    while n < words:
        p = PARAS[i % len(PARAS)]
        out.append(p + sep)
        n += len(p.split())
        i += 1
    return "".join(out)


def story_bytes(size, sep="\n\n"):
    out, n, i = [HEAD], len(HEAD), 0
    while n < size:
        p = PARAS[i % len(PARAS)] + sep
        out.append(p)
        n += len(p.encode())
        i += 1
    return "".join(out)


class Server:
    def __init__(self, binary):
        self.p = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL)
        self.q = queue.Queue()
        self.next_id = 0
        self.lock = threading.Lock()
        self.logs = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        f = self.p.stdout
        while True:
            length = None
            while True:
                line = f.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = f.read(length)
            t = time.perf_counter()
            msg = json.loads(body)
            if "method" in msg and "id" in msg:  # a request from the server: answer null
                self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
                continue
            if msg.get("method") == "window/logMessage":
                with self.lock:
                    self.logs.append(msg)
            self.q.put((t, msg))

    def send(self, msg):
        body = json.dumps(msg).encode()
        with self.lock:
            self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.p.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id

    def wait(self, pred, timeout=60):
        """The first message that satisfies pred, and its arrival time."""
        end = time.perf_counter() + timeout
        while True:
            left = end - time.perf_counter()
            if left <= 0:
                raise TimeoutError("no matching message")
            t, msg = self.q.get(timeout=left)
            if pred(msg):
                return t, msg

    def initialize(self):
        i = self.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        self.wait(lambda m: m.get("id") == i)
        self.notify("initialized", {})
        time.sleep(0.3)  # the warm-up analysis

    def open(self, uri, text, version=1):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": version, "text": text}})

    def change(self, uri, version, line, char, text, end_char=None):
        end = char if end_char is None else end_char
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": char},
                                          "end": {"line": line, "character": end}}, "text": text}]})

    def diagnostics(self, uri, version, timeout=60):
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri and m["params"].get("version") == version,
                         timeout)

    def status(self):
        out = {}
        with open(f"/proc/{self.p.pid}/status") as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("VmRSS", "VmHWM", "Threads"):
                    out[k] = int(v.split()[0])
        return out

    def close(self):
        i = self.request("shutdown", None)
        try:
            self.wait(lambda m: m.get("id") == i, 10)
        except Exception:
            pass
        self.notify("exit", None)
        try:
            self.p.wait(5)
        except subprocess.TimeoutExpired:
            self.p.kill()


def summary(name, xs):
    xs = sorted(xs)
    p95 = xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]
    print(f"{name}: n={len(xs)} median {statistics.median(xs):.1f} ms, p95 {p95:.1f} ms, "
          f"max {xs[-1]:.1f} ms", flush=True)


def edits(srv, uri, text, n, gap=0.05, seed=1):
    """n single-character edits on random lines, each sent when the server is idle (gap after
    the previous publication); returns the edit -> publish times in ms."""
    lines = [i for i, l in enumerate(text.split("\n")) if len(l) > 20 and not l.startswith("-")]
    rng = random.Random(seed)
    times, version = [], 1
    for k in range(n):
        time.sleep(gap)
        line = rng.choice(lines)
        version += 1
        t0 = time.perf_counter()
        if k % 2 == 0:
            srv.change(uri, version, line, 5, "x")
            last = (line,)
        else:
            srv.change(uri, version, last[0], 5, "", 6)  # take it out again
        t, _ = srv.diagnostics(uri, version)
        times.append((t - t0) * 1000)
    return times


def analysed_ms(srv):
    """The server's own analysis times (its "analysed ... in X ms" log lines) seen so far."""
    out = []
    with srv.lock:
        logs, srv.logs = srv.logs, []
    for m in logs:
        text = m["params"]["message"]
        if text.startswith("analysed ") and text.endswith(" ms"):
            out.append(float(text.rsplit(" ", 2)[1]))
    return out


def scenario_edit(binary, words, n):
    srv = Server(binary)
    srv.initialize()
    text = story(words)
    uri = f"file:///tmp/copydesk-bench/s{words}.md"
    srv.open(uri, text)
    srv.diagnostics(uri, 1)
    analysed_ms(srv)
    summary(f"{words}-word story ({len(text)} bytes), edit -> publish", edits(srv, uri, text, n))
    summary(f"{words}-word story, the server's analysis alone", analysed_ms(srv))
    print(f"load average {os.getloadavg()[0]:.1f}", flush=True)
    srv.close()


def scenario_big(binary, n):
    srv = Server(binary)
    srv.initialize()
    text = story_bytes(1_000_000)
    uri = "file:///tmp/copydesk-bench/big.md"
    t0 = time.perf_counter()
    srv.open(uri, text)
    t, _ = srv.diagnostics(uri, 1)
    print(f"1 MB story ({len(text)} bytes): open -> diagnostics {(t - t0) * 1000:.1f} ms",
          flush=True)
    print(f"1 MB story: the server's analysis of the open {analysed_ms(srv)} ms", flush=True)
    summary("1 MB story, edit -> publish", edits(srv, uri, text, n, gap=0.1))
    summary("1 MB story, the server's analysis alone", analysed_ms(srv))
    print(f"load average {os.getloadavg()[0]:.1f}", flush=True)
    print(f"1 MB story: server {srv.status()} (kB)", flush=True)
    srv.close()


def scenario_memory(binary, docs=50):
    srv = Server(binary)
    srv.initialize()
    print(f"memory: after start-up {srv.status()} (kB)", flush=True)
    uris = []
    for i in range(docs):
        # Each story its own text (a number changes), as 50 different stories would be.
        text = story(5000).replace("40 tonnes", f"{40 + i} tonnes")
        uri = f"file:///tmp/copydesk-bench/m{i}.md"
        srv.open(uri, text)
        srv.diagnostics(uri, 1)
        uris.append(uri)
        if i == 0:
            print(f"memory: one 5,000-word story open {srv.status()} (kB)", flush=True)
    time.sleep(0.5)
    print(f"memory: {docs} 5,000-word stories open {srv.status()} (kB)", flush=True)
    # The server gives freed memory back once it has been idle for a second.
    time.sleep(1.5)
    print(f"memory: {docs} 5,000-word stories open, idle 2 s {srv.status()} (kB)", flush=True)
    srv.close()


def scenario_slow(binary, seconds=8.0, gap=0.04):
    srv = Server(binary)
    srv.initialize()
    text = story_bytes(600_000)
    uri = "file:///tmp/copydesk-bench/slow.md"
    srv.open(uri, text)
    srv.diagnostics(uri, 1, timeout=120)
    base = srv.status()
    peak_threads, peak_rss = base["Threads"], base["VmRSS"]
    version, t_end = 1, time.perf_counter() + seconds
    while time.perf_counter() < t_end:
        version += 1
        srv.change(uri, version, 6, 3, "x")
        time.sleep(gap)
        s = srv.status()
        peak_threads, peak_rss = max(peak_threads, s["Threads"]), max(peak_rss, s["VmRSS"])
    t_last = time.perf_counter()
    t, _ = srv.diagnostics(uri, version, timeout=120)
    s = srv.status()
    print(f"slow typing, 600 KB, {version - 1} edits every {gap * 1000:.0f} ms: threads "
          f"{base['Threads']} -> peak {peak_threads}; RSS {base['VmRSS'] // 1024} -> peak "
          f"{max(peak_rss, s['VmRSS']) // 1024} MB (VmHWM {s['VmHWM'] // 1024} MB); last edit -> "
          f"last diagnostics {(t - t_last) * 1000:.0f} ms", flush=True)
    # Nothing stale after the last one: no publication of an older version follows.
    time.sleep(0.5)
    stale = 0
    while not srv.q.empty():
        _, m = srv.q.get()
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
            stale += 1
    print(f"slow typing: publications after the last one: {stale}", flush=True)
    srv.close()


def scenario_responsive(binary, hovers=20):
    srv = Server(binary)
    srv.initialize()
    tiny = "file:///tmp/copydesk-bench/tiny.md"
    srv.open(tiny, "The regime slammed the plan yesterday.\n")
    srv.diagnostics(tiny, 1)
    big = story_bytes(1_000_000, sep=" ")
    srv.open("file:///tmp/copydesk-bench/line1.md", big)
    for k in range(2):
        srv.open(f"file:///tmp/copydesk-bench/line{k + 2}.md", story_bytes(300_000, sep=" "))
    time.sleep(0.05)
    # A hover answered after a big story's diagnostics arrived waited (in this client) for
    # megabytes of JSON to be read: those are counted apart from the ones made while the big
    # stories were still being analysed.
    during, after, published = [], [], 0
    for _ in range(hovers):
        t0 = time.perf_counter()
        i = srv.request("textDocument/hover", {"textDocument": {"uri": tiny},
                                               "position": {"line": 0, "character": 5}})
        before = published
        while True:
            t, m = srv.wait(lambda m: m.get("id") == i or (
                m.get("method") == "textDocument/publishDiagnostics"
                and "/line" in m["params"]["uri"]))
            if m.get("id") == i:
                break
            published += 1
        (during if before == published < 3 else after).append((t - t0) * 1000)
        time.sleep(0.02)
    if during:
        summary("hover on a tiny story while 1.6 MB of one-line stories are analysed", during)
    if after:
        summary("hover on a tiny story around or after their diagnostics", after)
    t0 = time.perf_counter()
    i = srv.request("shutdown", None)
    t, _ = srv.wait(lambda m: m.get("id") == i)
    t1 = time.perf_counter()
    srv.notify("exit", None)
    srv.p.wait(10)
    t2 = time.perf_counter()
    print(f"shutdown answered in {(t - t0) * 1000:.1f} ms; exit -> process gone "
          f"{(t2 - t1) * 1000:.1f} ms (code {srv.p.returncode})", flush=True)


def main():
    args = sys.argv[1:]
    binary = "target/release/copydesk"
    if args[:1] == ["--bin"]:
        binary, args = args[1], args[2:]
    scenarios = args or ["short", "long", "big", "memory", "slow", "responsive"]
    for s in scenarios:
        if s == "short":
            scenario_edit(binary, 330, 60)
        elif s == "long":
            scenario_edit(binary, 5000, 60)
        elif s == "big":
            scenario_big(binary, 20)
        elif s == "memory":
            scenario_memory(binary)
        elif s == "slow":
            scenario_slow(binary)
        elif s == "responsive":
            scenario_responsive(binary)
        else:
            sys.exit(f"unknown scenario {s}")


if __name__ == "__main__":
    main()
