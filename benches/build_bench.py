#!/usr/bin/env python3
"""Folio vs Hugo: full builds of issue 13's corpus — wall time, CPU time, peak memory, output size.

Python 3 standard library only. Run from the repository root after `cargo build --release`:

    python3 benches/build_bench.py                          # 1 000 and 10 000 pages, 5 runs each
    python3 benches/build_bench.py --sizes 100000 --runs 1 --skip-hugo

For each size N, benches/corpus.py writes the same N pages as a Folio site and a Hugo site (or reuses
them from --sites). Then the two tools build them in turn, alternating which goes first, --runs times:
`folio build --timings` (search index, related pages, taxonomies, feeds, sitemap: Folio's defaults) and
`hugo --quiet` (taxonomies, RSS and sitemap off, as in serve_latency.py). Before every build the output
folder is emptied and `sync` called. From wait4's rusage: wall time, CPU time (user + sys, which the
load of other processes changes less than the wall time) and peak RSS. Reported: the medians, the
ratios Folio/Hugo, Folio's stage times (medians over the runs), the load before each build, the output's
bytes and files, and the bytes of the content pages' HTML per content page.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import corpus  # noqa: E402

DEFAULT_FOLIO = os.path.join(REPO, "target", "release", "folio")
STAGE = re.compile(r"([a-zA-Z][a-zA-Z ]*?) (\d+(?:\.\d+)?) (ms|s)\b")


def load():
    """(1-minute load, CPU pressure avg10 in % or None): how busy the machine was."""
    pressure = None
    try:
        with open("/proc/pressure/cpu") as f:
            pressure = float(f.readline().split()[1].split("=")[1])
    except (OSError, IndexError, ValueError):
        pass
    return os.getloadavg()[0], pressure


def timed(cmd, log_path):
    """Runs cmd; (exit code, wall s, cpu s, peak RSS MiB, output text)."""
    with open(log_path, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    with open(log_path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    return (os.waitstatus_to_exitcode(status), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text)


def folio_stages(text):
    """Folio's `--timings` stage line (the indented line after `Built`) as {stage: ms}."""
    lines = text.splitlines()
    for n, line in enumerate(lines):
        if line.startswith("Built") and n + 1 < len(lines):
            return {name.strip(): float(v) * (1000 if unit == "s" else 1)
                    for name, v, unit in STAGE.findall(lines[n + 1])}
    return {}


def output_size(out, pages):
    """(total bytes, files, HTML files, bytes of the content pages' own HTML per content page)."""
    total = files = html = 0
    for dirpath, _, names in os.walk(out):
        for name in names:
            total += os.path.getsize(os.path.join(dirpath, name))
            files += 1
            html += name.endswith(".html")
    page_bytes = 0
    for p in pages:
        path = os.path.join(out, p.rel[:-3], "index.html")
        page_bytes += os.path.getsize(path) if os.path.exists(path) else 0
    return total, files, html, page_bytes / len(pages)


def ensure_sites(sites, n, seed):
    """The corpus for n pages under `sites`, generated once and reused (a stamp file marks it done)."""
    folio_root, hugo_root = os.path.join(sites, f"folio-{n}"), os.path.join(sites, f"hugo-{n}")
    stamp = os.path.join(sites, f"corpus-{n}-{seed}.json")
    if os.path.exists(stamp):
        with open(stamp) as f:
            stats = json.load(f)
        pages, _, _ = corpus.plan(n, seed, corpus.Vocabulary("en", seed), corpus.Vocabulary("he", seed))
        print(f"[{n}] reusing {sites}: {corpus.describe(stats)}", flush=True)
        return folio_root, hugo_root, pages, stats
    for d in (folio_root, hugo_root):
        shutil.rmtree(d, ignore_errors=True)
    made = corpus.generate(folio_root, n, hugo_root, seed, log=lambda m: print(m, flush=True))
    with open(stamp, "w") as f:
        json.dump(made.stats, f)
    print(f"[{n}] corpus: {corpus.describe(made.stats)}", flush=True)
    return folio_root, hugo_root, made.pages, made.stats


def bench(size, args, sites, out_base, logdir):
    folio_root, hugo_root, pages, stats = ensure_sites(sites, size, args.seed)
    tools = {"folio": lambda o: [args.folio, "build", "--root", folio_root, "--output", o, "--timings"]}
    if not args.skip_hugo:
        tools["hugo"] = lambda o: [args.hugo, "--quiet", "--source", hugo_root, "--destination", o]
    runs = {t: [] for t in tools}
    out = os.path.join(out_base, f"out-{size}")
    cache = os.path.join(folio_root, ".folio-cache")
    if args.cards == "warm":
        # The corpus has no pictures, so every page gets a social card: drawn once here, reused by every
        # counted run, as on a machine that keeps `.folio-cache/` (a laptop, CI with the cache step).
        shutil.rmtree(out, ignore_errors=True)
        code, wall, cpu, _, text = timed(tools["folio"](out), os.path.join(logdir, f"folio-{size}-warmup.log"))
        if code != 0:
            sys.exit(f"folio failed at {size} pages (exit {code}):\n{text[-4000:]}")
        print(f"[{size}] warm-up folio build (fills .folio-cache/, not counted): {wall:.2f} s wall, {cpu:.2f} s CPU",
              flush=True)
    for i in range(args.runs):
        order = list(tools) if i % 2 == 0 else list(reversed(tools))  # alternate who goes first
        for tool in order:
            shutil.rmtree(out, ignore_errors=True)
            if tool == "folio" and args.cards == "cold":
                shutil.rmtree(cache, ignore_errors=True)
            if tool == "folio":
                # A full build: no stage results from an earlier `folio build` (social cards stay, see --cards).
                shutil.rmtree(os.path.join(cache, "build"), ignore_errors=True)
            os.sync()
            before = load()
            code, wall, cpu, rss, text = timed(tools[tool](out), os.path.join(logdir, f"{tool}-{size}-{i}.log"))
            if code != 0:
                sys.exit(f"{tool} failed at {size} pages (exit {code}):\n{text[-4000:]}")
            run = {"wall_s": wall, "cpu_s": cpu, "rss_mb": rss, "load": before[0], "cpu_pressure": before[1]}
            if tool == "folio":
                run["stages_ms"] = folio_stages(text)
                # The same build again with nothing changed: the stages come from .folio-cache/build/.
                code, run["rebuild_wall_s"], run["rebuild_cpu_s"], _, text = timed(
                    tools[tool](out), os.path.join(logdir, f"{tool}-{size}-{i}-rebuild.log"))
                if code != 0:
                    sys.exit(f"folio's no-change rebuild failed at {size} pages (exit {code}):\n{text[-4000:]}")
            if i == args.runs - 1 or i == 0:
                run["bytes"], run["files"], run["html"], run["page_bytes"] = output_size(out, pages)
            runs[tool].append(run)
            again = (f"; no-change rebuild {run['rebuild_wall_s']:.2f} s wall, {run['rebuild_cpu_s']:.2f} s CPU"
                     if tool == "folio" else "")
            print(f"[{size}] run {i + 1}/{args.runs} {tool}: {wall:.2f} s wall, {cpu:.2f} s CPU, "
                  f"{rss:.0f} MB (load {before[0]:.1f}, cpu pressure {before[1]}%){again}", flush=True)
    shutil.rmtree(out, ignore_errors=True)
    result = {"size": size, "corpus": stats}
    for tool, rs in runs.items():
        med = {k: statistics.median(r[k] for r in rs) for k in ("wall_s", "cpu_s", "rss_mb", "load")}
        last = rs[-1]
        med.update({k: last[k] for k in ("bytes", "files", "html", "page_bytes")})
        med["runs"] = rs
        if tool == "folio":
            names = list(rs[0]["stages_ms"])
            med["stages_ms"] = {n: statistics.median(r["stages_ms"].get(n, 0) for r in rs) for n in names}
            for k in ("rebuild_wall_s", "rebuild_cpu_s"):
                med[k] = statistics.median(r[k] for r in rs)
        result[tool] = med
    return result


def ratio(r, key):
    if "hugo" not in r or not r["hugo"][key]:
        return "—"
    return f"{r['folio'][key] / r['hugo'][key]:.2f}×"


def report(results):
    lines = ["| pages | tool | wall median (s) | CPU median (s) | peak RSS median (MB) | output (MB) | files | "
             "bytes / content page (all output) | content-page HTML (KB) | load (median) |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        n = r["size"]
        for tool in ("folio", "hugo"):
            if tool not in r:
                continue
            t = r[tool]
            lines.append(f"| {n:,} | {tool.capitalize()} | {t['wall_s']:.2f} | {t['cpu_s']:.2f} | {t['rss_mb']:.0f} | "
                         f"{t['bytes'] / 1e6:.1f} | {t['files']:,} | {t['bytes'] / n:,.0f} | "
                         f"{t['page_bytes'] / 1024:.1f} | {t['load']:.1f} |")
        if "hugo" in r:
            lines.append(f"| {n:,} | **Folio/Hugo** | {ratio(r, 'wall_s')} | {ratio(r, 'cpu_s')} | {ratio(r, 'rss_mb')} | "
                         f"{ratio(r, 'bytes')} | | {ratio(r, 'bytes')} | {ratio(r, 'page_bytes')} | |")
    lines.append("")
    lines.append("Folio's no-change rebuild (the same build again, stages from `.folio-cache/build/`, medians):")
    for r in results:
        f = r["folio"]
        lines.append(f"- {r['size']:,} pages: {f['rebuild_wall_s']:.2f} s wall ({f['rebuild_wall_s'] / f['wall_s']:.0%} of a "
                     f"full build), {f['rebuild_cpu_s']:.2f} s CPU ({f['rebuild_cpu_s'] / f['cpu_s']:.0%})")
    lines.append("")
    lines.append("Folio's stages (`--timings`, medians, ms):")
    for r in results:
        stages = ", ".join(f"{k} {v:,.0f}" for k, v in r["folio"]["stages_ms"].items())
        lines.append(f"- {r['size']:,} pages: {stages}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated page counts (default 1000,10000)")
    parser.add_argument("--runs", type=int, default=5, help="builds per tool and size (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="the corpus's seed (default 1)")
    parser.add_argument("--sites", help="folder for the generated sites, reused across runs (default: a "
                                        "temporary folder, removed at the end)")
    parser.add_argument("--build-out", default="/dev/shm" if os.access("/dev/shm", os.W_OK) else None,
                        help="where builds write (default /dev/shm, a tmpfs: the disk's write-back is not "
                             "what is measured)")
    parser.add_argument("--folio", default=DEFAULT_FOLIO, help="the folio binary (default target/release/folio)")
    parser.add_argument("--hugo", default=shutil.which("hugo") or "hugo", help="the hugo binary")
    parser.add_argument("--skip-hugo", action="store_true", help="build with Folio only")
    parser.add_argument("--cards", choices=("warm", "cold"), default="warm",
                        help="warm (default): one uncounted Folio build first fills .folio-cache/ (social cards, "
                             "image copies) and every counted build reuses it; cold: .folio-cache/ is removed "
                             "before every Folio build, as in CI without a cache")
    parser.add_argument("--json", help="also write every run's numbers to this file")
    args = parser.parse_args()
    if not os.access(args.folio, os.X_OK):
        sys.exit(f"{args.folio} not found: run `cargo build --release` first")
    if not args.skip_hugo and not shutil.which(args.hugo):
        print("hugo is not installed (`apt-get install -y hugo`): building with Folio only")
        args.skip_hugo = True
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    sites = args.sites or tempfile.mkdtemp(prefix="folio-build-bench-")
    os.makedirs(sites, exist_ok=True)
    out_base = tempfile.mkdtemp(prefix="folio-build-out-", dir=args.build_out)
    logdir = os.path.join(out_base, "logs")
    os.makedirs(logdir)
    version = subprocess.run([args.folio, "--version"], capture_output=True, text=True).stdout.strip()
    hugo = "" if args.skip_hugo else subprocess.run([args.hugo, "version"], capture_output=True,
                                                    text=True).stdout.strip()
    commit = subprocess.run(["git", "-C", REPO, "describe", "--always", "--dirty"], capture_output=True,
                            text=True).stdout.strip()
    l1, psi = load()
    print(f"# {version} (commit {commit}){' vs ' + hugo if hugo else ''}")
    print(f"# {time.strftime('%Y-%m-%d %H:%M %Z')}; {os.cpu_count()} CPUs; load {l1:.2f}, cpu pressure {psi}%; "
          f"social cards {args.cards}", flush=True)
    results = []
    try:
        for size in sizes:
            results.append(bench(size, args, sites, out_base, logdir))
        print()
        print(report(results))
        l1, psi = load()
        print(f"\n# finished {time.strftime('%Y-%m-%d %H:%M %Z')}; load {l1:.2f}, cpu pressure {psi}%")
        if args.json:
            with open(args.json, "w") as f:
                json.dump({"folio": version, "commit": commit, "hugo": hugo, "results": results}, f, indent=1)
    finally:
        shutil.rmtree(out_base, ignore_errors=True)
        if not args.sites:
            shutil.rmtree(sites, ignore_errors=True)


if __name__ == "__main__":
    main()
