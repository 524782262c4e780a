#!/usr/bin/env python3
"""CPU time `folio serve` spends rebuilding after an edit, and how many pages it re-rendered.

Python 3 standard library only; Linux (reads /proc). Run from the repository root after `cargo build --release`:

    python3 benches/rebuild_cpu.py --size 10000 --edit title
    python3 benches/rebuild_cpu.py --root /tmp/my-10k --edit body   # a corpus.py site made before (it is edited
                                                                    # in place and restored; keep a copy)
    python3 benches/rebuild_cpu.py --folio /tmp/folio-old --folio target/release/folio   # compare two builds

Wall-clock latency (serve_latency.py) is only as good as the machine is quiet: with other jobs competing
for the CPU it can double from one run to the next. The CPU seconds a rebuild costs the server process
(user + system, from /proc/PID/stat) change far less, so two Folio binaries can be compared on a busy
machine. The script generates the realistic corpus of issue 13 (benches/corpus.py) once, then for each
`--folio` binary, in turn and `--rounds` times over, starts `folio serve --timings`, makes `--runs` edits
to the newest post (the first is a warm-up and is dropped) and reads, for each, the server's CPU time
from just before the save until 1 s after its `Built … N pages rendered` line, the rebuild's own
`ready in N ms` and the stages `--timings` prints.
"""

import argparse
import os
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import corpus  # noqa: E402  (the issue's corpus)
import serve_latency  # noqa: E402  (free_port, machine_load)

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime, after the command name


def measure(folio, root, page, kinds, runs, perf=None):
    """{kind: [(cpu seconds, pages rendered, {stage: ms}, ready ms)]}: `runs` edits of `page` (a path below
    content/) of each of `kinds` in turn, in one `folio serve` session (the page is restored between kinds).
    With `perf` (a file name prefix), `perf record -g` samples the server during each kind's edits."""
    path = os.path.join(root, "content", page)
    with open(path, encoding="utf-8") as f:
        original = f.read()
    port = serve_latency.free_port()
    proc = subprocess.Popen([folio, "serve", "--root", root, "--port", str(port), "--timings"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()

    def next_build():
        while True:
            line = lines.get(timeout=1200)
            if line.startswith(("Built", "build failed")) or "Built " in line[:16]:
                return line

    def save(text):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    results = {}
    try:
        next_build()
        time.sleep(1)
        for kind in kinds:
            recorder = None
            if perf:
                recorder = subprocess.Popen(["perf", "record", "-g", "-q", "-o", f"{perf}-{kind}.data", "-p",
                                             str(proc.pid)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(1)
            got = results.setdefault(kind, [])
            for i in range(runs):
                text = edited_text(original, kind, i)
                before = cpu_seconds(proc.pid)
                save(text)
                line = next_build()
                stages = lines.get(timeout=60)  # `--timings` prints the stages on the next line
                time.sleep(1)
                rendered = re.search(r"(\d+) pages rendered", line)
                ready = re.search(r"ready in (\d+) ms", line)
                stage_ms = {name.strip(): float(ms) for name, ms in re.findall(r"([^,]+?) ([\d.]+) ms", stages)}
                got.append((cpu_seconds(proc.pid) - before, int(rendered.group(1)) if rendered else None, stage_ms,
                            int(ready.group(1)) if ready else None))
            if recorder:
                recorder.send_signal(signal.SIGINT)
                recorder.wait()
            if kind != "nochange":
                save(original)
                next_build()
                time.sleep(1)
    finally:
        save(original)
        proc.terminate()
        proc.wait()
    return results


def edited_text(text, kind, i):
    """The page's text after edit number `i` of `kind`; `nochange` saves the file's own bytes again."""
    front, body = text.split("\n---\n", 1)
    if kind == "title":
        front = re.sub(r"^title: '(.*)'$", lambda m: f"title: '{m.group(1)} (גרסה {i + 1})'", front, 1, re.M)
    elif kind == "body":
        body += f"\nעריכה {i}: edit number {i}.\n"
    elif kind == "tag":
        # A tag no other page has in place of the page's last one, a different one each time.
        front = re.sub(r"^tags: \[(.*?)(, )?'[^']*'\]$", lambda m: f"tags: [{m.group(1)}{m.group(2) or ''}'bench-{i}']",
                       front, 1, re.M)
    elif kind == "date":
        # Later than every other post, so the page stays the newest but its date shows differently.
        front = re.sub(r"^date: .*$", f"date: 2026-07-{1 + i % 20:02d}", front, 1, re.M)
    edited = front + "\n---\n" + body
    assert kind == "nochange" or edited != text, f"the {kind} edit changed nothing"
    return edited


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folio", action="append", help="a folio binary; repeat to compare (default "
                        "target/release/folio)")
    parser.add_argument("--size", type=int, default=10000, help="content pages (default 10000)")
    parser.add_argument("--edit", default="title", help="title, body, tag, date or nochange; several separated "
                        "by commas are measured in turn in one session")
    parser.add_argument("--runs", type=int, default=6, help="edits per kind and session; the first is dropped")
    parser.add_argument("--rounds", type=int, default=2, help="sessions per binary, alternating (default 2)")
    parser.add_argument("--root", help="a corpus.py site made before (e.g. a copy of /work/corpus-10k), used "
                        "instead of generating one: the edited page is restored afterwards, and its .folio-cache "
                        "keeps the social cards between runs")
    parser.add_argument("--perf", help="record each kind's edits with `perf record -g` into PERF-KIND.data")
    args = parser.parse_args()
    kinds = args.edit.split(",")
    for kind in kinds:
        if kind not in ("title", "body", "tag", "date", "nochange"):
            parser.error(f"unknown edit kind {kind!r}")
    binaries = args.folio or [serve_latency.DEFAULT_FOLIO]
    base = tempfile.mkdtemp(prefix="folio-cpu-")
    try:
        if args.root:
            root = args.root
        else:
            root = os.path.join(base, f"folio-{args.size}")
            corpus.generate(root, args.size)
        page = "blog/post-00000.md"  # the newest post
        samples = {(b, k): [] for b in binaries for k in kinds}
        for round_ in range(args.rounds):
            for binary in binaries:
                print(f"round {round_ + 1}, {binary} ({serve_latency.machine_load()})", flush=True)
                for kind, got in measure(binary, root, page, kinds, args.runs, args.perf).items():
                    got = got[1:]
                    print(f"  {kind}: " + ", ".join(f"{cpu:.3f} s / {n} pages / {ready} ms"
                                                   for cpu, n, _, ready in got), flush=True)
                    samples[(binary, kind)] += got
        print(f"\n{args.size} pages, edits of {page}: CPU seconds per rebuild, median (min–max)")
        for (binary, kind), got in samples.items():
            cpu = [c for c, _, _, _ in got]
            rendered = sorted({n for _, n, _, _ in got})
            ready = [r for _, _, _, r in got if r is not None]
            print(f"- {kind}, {binary}: {statistics.median(cpu):.3f} s ({min(cpu):.3f}–{max(cpu):.3f}), "
                  f"pages rendered {'/'.join(map(str, rendered))}, ready in {statistics.median(ready)} ms median")
            stages = {}
            for _, _, stage_ms, _ in got:
                for name, ms in stage_ms.items():
                    stages.setdefault(name, []).append(ms)
            print("  wall ms per stage, median: " +
                  ", ".join(f"{name} {statistics.median(ms):.1f}" for name, ms in stages.items()))
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
