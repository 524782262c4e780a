#!/usr/bin/env python3
"""CPU time `folio serve` spends rebuilding after an edit, and how many pages it re-rendered.

Python 3 standard library only; Linux (reads /proc). Run from the repository root after `cargo build --release`:

    python3 benches/rebuild_cpu.py --size 10000 --edit title
    python3 benches/rebuild_cpu.py --folio /tmp/folio-old --folio target/release/folio   # compare two builds

Wall-clock latency (serve_latency.py) is only as good as the machine is quiet: with other jobs competing
for the CPU it can double from one run to the next. The CPU seconds a rebuild costs the server process
(user + system, from /proc/PID/stat) change far less, so two Folio binaries can be compared on a busy
machine. The script generates the site of serve_latency.py once, then for each `--folio` binary, in
turn and `--rounds` times over, starts `folio serve --timings`, makes `--runs` edits to the newest post
(the first is a warm-up and is dropped) and reads, for each, the server's CPU time from just before the
save until 1 s after its `Built … N pages rendered` line.
"""

import argparse
import copy
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import serve_latency  # noqa: E402  (the shared site generator)

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime, after the command name


def measure(folio, root, page, kind, runs):
    """[(cpu seconds, pages rendered, {stage: ms})] for `runs` edits of `page` in one `folio serve` session."""
    path = os.path.join(root, "content", page.rel)
    original = page.text()
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

    results = []
    try:
        next_build()
        time.sleep(1)
        for i in range(runs):
            text = edited_text(page, kind, i)
            before = cpu_seconds(proc.pid)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            line = next_build()
            stages = lines.get(timeout=60)  # `--timings` prints the stages on the next line
            time.sleep(1)
            rendered = re.search(r"(\d+) pages rendered", line)
            stage_ms = {name.strip(): float(ms) for name, ms in re.findall(r"([^,]+?) ([\d.]+) ms", stages)}
            results.append((cpu_seconds(proc.pid) - before, int(rendered.group(1)) if rendered else None, stage_ms))
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        proc.terminate()
        proc.wait()
    return results


def edited_text(page, kind, i):
    """The page's text after edit number `i` of `kind`; `nochange` saves the file's own bytes again."""
    edited = copy.copy(page)
    if kind == "title":
        edited.title = f"{page.title} (גרסה {i + 1})"
    elif kind == "body":
        return page.text(extra=f"\nעריכה {i}: edit number {i}.\n")
    elif kind == "tag":
        # Another of the corpus's tags in place of the page's last one, a different one each time.
        others = [t for t in serve_latency.TAGS if t not in page.tags]
        edited.tags = page.tags[:-1] + [others[i % len(others)]]
    elif kind == "date":
        # Later than every other post, so the page stays the newest but its date shows differently.
        edited.date = f"2026-07-{1 + i % 20:02d}"
    return edited.text()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folio", action="append", help="a folio binary; repeat to compare (default "
                        "target/release/folio)")
    parser.add_argument("--size", type=int, default=10000, help="content pages (default 10000)")
    parser.add_argument("--edit", choices=["title", "body", "tag", "date", "nochange"], default="title")
    parser.add_argument("--runs", type=int, default=6, help="edits per session; the first is dropped")
    parser.add_argument("--rounds", type=int, default=2, help="sessions per binary, alternating (default 2)")
    parser.add_argument("--root", help="a site generated before for --size (serve_latency.generate's folio-N "
                        "folder), reused instead of generating one")
    args = parser.parse_args()
    binaries = args.folio or [serve_latency.DEFAULT_FOLIO]
    base = tempfile.mkdtemp(prefix="folio-cpu-")
    try:
        if args.root:
            root, pages = args.root, serve_latency.make_pages(args.size)
        else:
            root, _, pages = serve_latency.generate(base, args.size)
        page = [p for p in pages if p.kind == "post"][0]
        samples = {b: [] for b in binaries}
        for round_ in range(args.rounds):
            for binary in binaries:
                print(f"round {round_ + 1}, {binary} ({serve_latency.machine_load()})", flush=True)
                got = measure(binary, root, page, args.edit, args.runs)[1:]
                print("  " + ", ".join(f"{cpu:.3f} s / {n} pages" for cpu, n, _ in got), flush=True)
                samples[binary] += got
        print(f"\n{args.size} pages, {args.edit} edits of {page.rel}: CPU seconds per rebuild, median (min–max)")
        for binary, got in samples.items():
            cpu = [c for c, _, _ in got]
            rendered = sorted({n for _, n, _ in got})
            print(f"- {binary}: {statistics.median(cpu):.3f} s ({min(cpu):.3f}–{max(cpu):.3f}), "
                  f"pages rendered {'/'.join(map(str, rendered))}")
            stages = {}
            for _, _, stage_ms in got:
                for name, ms in stage_ms.items():
                    stages.setdefault(name, []).append(ms)
            print("  wall ms per stage, median: " +
                  ", ".join(f"{name} {statistics.median(ms):.1f}" for name, ms in stages.items()))
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
