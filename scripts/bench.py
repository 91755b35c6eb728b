#!/usr/bin/env python3
"""Benchmark driver for trace-harness: `make bench`, or `python3 scripts/bench.py`.

Runs the release binary on each dataset size (small, medium, big, 100k and 1M traces), measuring
wall time and peak RSS of every run, then checks three goals:

  G1  generation throughput: `harness generate --threads 1` writes the JSONL at least as fast (MB/s)
      as `zstd -3` compresses that same file. Ratio = generation MB/s / zstd-3 MB/s, target >= 1.
      Measured on big (10,000 traces) and 100k, each side the median of five runs.
  G2  `harness phase0 --size big --levels gzip:1,6,9 zstd:1,3,9,19` (generate, compress at seven
      levels, verify every size by decompressing) takes no longer than the gzip and zstd command-line
      tools run one after another at those levels over the file it wrote.
      Ratio = harness wall / sum of CLI walls, target <= 1.
  G3  1M traces fit in 256 MB peak RSS, and time grows linearly with traces.
      Ratio = (time(1M) / time(100k)) / 10, 1.0 = linear, target <= LINEARITY_TOLERANCE.
  A1  `harness analyze` on a generated file of 126 MB (100k traces) and of 1.26 GB (1M, when
      that size is selected) peaks at 256 MB RSS or less. Ratio = peak RSS / 256 MB.
  A2  that analyze run, at its default levels (gzip 1/6/9, zstd 1/3/9 above 4 MiB), takes no
      longer than the gzip and zstd command-line tools at those levels, one after another, on the
      same file. Ratio = analyze wall / sum of CLI walls, target <= 1. On 100k each side is the
      median of three runs, analyze and the tools alternating (ANALYZE_REPEATS).
  T1  `harness encode` throughput is at least a quarter of `zstd -3`'s compress throughput on the
      same input. Ratio = encode MB/s / zstd -3 MB/s, target >= 0.25.
  T2  `harness decode` throughput is at least a quarter of `zstd -d`'s decompress throughput.
      Ratio = decode MB/s / zstd -d MB/s, target >= 0.25.
  T3  encode and decode peak RSS stay within 256 MB. Ratio = the larger peak / 256 MB, target <= 1.
      T1-T3 run on the real sample (experiments/real, OTLP protobuf, decoded back --to otlp-proto)
      and on 100k generated traces (JSONL, decoded --to jsonl), whatever --sizes says; MB/s is
      input MB (decompressed) per wall second on both sides, `zstd -19` is measured for context.
      With only T goals chosen and no --sizes given, the phase0 table runs are skipped.
  R1  reading alone (issue 11): `harness analyze FILE --read-only` (spans parsed, normalized,
      structure-checked and re-written as JSONL; nothing compressed) reads the generated JSONL at
      R1_TARGET_MBPS or more. MB/s = input bytes / wall seconds, the median of R1_REPEATS runs;
      ratio = MB/s / R1_TARGET_MBPS, target >= 1. On 100k (126 MB) and, when selected, 1M
      (1.26 GB); Python's `json.loads` loop over the 100k file is given beside it for context.

Every goal is a ratio of two runs made minutes apart in the same invocation: the machines this runs
on are shared and noisy, so absolute seconds drift from run to run, while a ratio of two
measurements under the same load stays comparable between machines and days. The absolute figures
go in the table for context only.

The table runs (and so G3) use the harness's default levels, so G3 measures
`harness phase0 --traces 1000000` as the issue states it: the seed's full sweep up to 1,000
traces; above that (big and up) gzip 1/6/9 and zstd 1/3/9, OTLP rows without zstd-19 and analysis
columns at zstd-3. Each run's slowest stage comes from the timing file the harness writes beside
its dataset (CPU seconds per worker thread). A binary that refuses `--levels` (tested with LIGHT_LEVELS on one trace) skips G2. G1 and
G2 run only on the sizes selected (big, 100k), and G3 needs 100k and 1M.

Outputs go to a temporary directory under output/bench/ (removed at the end unless --keep), so the
tracked reports are never touched. The results are printed and written to docs/benchmarks.md.

Options come from flags or environment variables:
  --sizes / BENCH_SIZES      comma-separated subset of small,medium,big,100k,1M (1M takes minutes)
  --goals / BENCH_GOALS      comma-separated subset of G1,G2,G3,A1,A2,T1,T2,T3,R1 (T1,T2,T3 alone
                             take a few minutes)
  --harness / BENCH_HARNESS  the binary, default .build/release/harness
  --keep / BENCH_KEEP=1      keep the temporary output directory (metadata and reports; each
                             dataset is deleted once measured, as 1M is over a gigabyte)
Exits 1 when a run fails; a FAILed goal is a finding, not an error, and exits 0.
"""

import argparse
import datetime
import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Size name -> (trace count, harness arguments selecting it).
SIZES = {
    "small": (100, ["--size", "small"]),
    "medium": (1_000, ["--size", "medium"]),
    "big": (10_000, ["--size", "big"]),
    "100k": (100_000, ["--traces", "100000"]),
    "1M": (1_000_000, ["--traces", "1000000"]),
}
GOALS = ["G1", "G2", "G3", "A1", "A2", "T1", "T2", "T3", "R1"]
G1_SIZES = ["big", "100k"]
G1_REPEATS = 5
LIGHT_LEVELS = ["zstd:3"]
G2_LEVELS = ["gzip:1,6,9", "zstd:1,3,9,19"]
ANALYZE_SIZES = ["100k", "1M"]
ANALYZE_DEFAULT_LEVELS = ["gzip:1,6,9", "zstd:1,3,9"]  # QuickDefaults above 4 MiB
EX_USAGE = 64  # swift-argument-parser's exit code for an option it does not accept
RSS_LIMIT_MB = 256
LINEARITY_TOLERANCE = 1.2
MB = 1_000_000  # throughputs and sizes are in decimal megabytes
R1_SIZES = ["100k", "1M"]
R1_TARGET_MBPS = 150
R1_REPEATS = 3


class BenchError(Exception):
    """A run that failed, or a set-up problem; main prints it and exits 1."""


class LevelsRejected(BenchError):
    """The harness has a --levels option but refused the groups it was given."""


@dataclass
class Measurement:
    """One child process: its wall time, CPU time (user + system) and peak resident set."""

    command: list
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    returncode: int
    stderr: str

    def check(self):
        if self.returncode != 0:
            last = "\n  ".join(self.stderr.strip().splitlines()[-5:])
            raise BenchError(f"{' '.join(self.command)} exited {self.returncode}:\n  {last}")
        return self


@dataclass
class Harness:
    """The binary under test, and which optional flags it turned out to take."""

    path: str
    quiet: bool
    levels_refusal: str | None  # why `--levels` cannot be used, or None when it works


@dataclass
class SizeRun:
    """A table row: one `harness phase0` run on one size."""

    size: str
    traces: int
    spans: int | None
    raw_bytes: int | None
    run: Measurement
    slowest: str | None  # the stage that took the most CPU, "zstd-22 3.1", if the harness says


@dataclass
class Goal:
    """One goal line: what was measured, the ratio, its target, and the verdict."""

    name: str
    detail: str
    ratio: float | None = None
    target: str = ""
    passed: bool | None = None  # None: skipped

    @property
    def verdict(self):
        return "SKIP" if self.passed is None else ("PASS" if self.passed else "FAIL")


def measure(command, stdout=subprocess.DEVNULL):
    """Runs `command` to completion and measures it.

    Peak RSS comes from wait4 on this one child: getrusage(RUSAGE_CHILDREN) is the maximum over
    every child waited for so far, so it cannot tell one run from the previous, larger one.
    """
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        wall_s = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # already reaped: Popen must not wait
        stderr.seek(0)
        text = stderr.read().decode(errors="replace")
    return Measurement(command, wall_s, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                       process.returncode, text)


def label(size):
    """The harness's file label: the size name, or `<N>-traces` when --traces selects it."""
    traces, arguments = SIZES[size]
    return f"{traces}-traces" if arguments[0] == "--traces" else size


def dataset_path(directory, size):
    return directory / f"traces_{label(size)}.jsonl"


def read_metadata(directory, size):
    """(spans, rawBytes) from the run's metadata file, or (None, None) if it cannot be read."""
    try:
        metadata = json.loads((directory / f"phase0_metadata_{label(size)}.json").read_text())
        return metadata.get("spans"), metadata.get("rawBytes")
    except (OSError, ValueError):
        return None, None


def slowest_stage(directory, size):
    """The stage that took the most CPU, from the harness's timing file, as "zstd-19 9.3"."""
    try:
        timing = json.loads((directory / f"phase0_timing_{label(size)}.json").read_text())
        stage = max(timing["shares"], key=lambda stage: stage["cpuSeconds"])
        return f"{stage['name']} {stage['cpuSeconds']:.1f}"
    except (OSError, ValueError, KeyError):
        return None


def probe(path, directory):
    """What the binary takes: --quiet from its help, --levels by a trial run on one trace.

    A trial rather than the help text, because a binary can list --levels and still refuse the
    group syntax this script uses.
    """
    help_text = subprocess.run([path, "phase0", "--help"], capture_output=True, text=True).stdout
    harness = Harness(path, "--quiet" in re.findall(r"--[a-z][a-z-]*", help_text), None)
    try:
        phase0(harness, "1", LIGHT_LEVELS, directory)
    except LevelsRejected as error:
        harness.levels_refusal = str(error)
    return harness


def phase0(harness, size, levels, directory):
    """Measures `harness phase0` on one size, with `levels` unless the binary refuses --levels."""
    traces = ["--traces", size] if size.isdigit() else SIZES[size][1]
    command = [harness.path, "phase0", *traces, "--output", str(directory),
               "--report", str(directory / f"phase0-{size}.md")]
    if levels and harness.levels_refusal is None:
        command += ["--levels", *levels]
    if harness.quiet:
        command.append("--quiet")
    run = measure(command)
    if run.returncode == EX_USAGE and "--levels" in command:
        raise LevelsRejected(run.stderr.strip().splitlines()[0] if run.stderr.strip() else "")
    return run.check()


def run_sizes(harness, sizes, directory):
    runs = []
    for size in sizes:
        print(f"  phase0 {size} ...", flush=True)
        run = phase0(harness, size, [], directory)
        spans, raw_bytes = read_metadata(directory, size)
        runs.append(SizeRun(size, SIZES[size][0], spans, raw_bytes, run,
                            slowest_stage(directory, size)))
        dataset_path(directory, size).unlink(missing_ok=True)  # 1M is over a gigabyte
    return runs


def median(runs):
    """The run with the median wall time."""
    return sorted(runs, key=lambda run: run.wall_s)[len(runs) // 2]


def goal_g1(harness, size, directory):
    """Generation (one thread) MB/s against `zstd -3` MB/s on the file it wrote.

    Both sides are the median of G1_REPEATS runs, alternating: on big a run takes about 50 ms,
    where one scheduling hiccup moves a single measurement by a fifth. Each repetition deletes
    its file before the next, so no run waits for the previous runs' pages to reach the disk.
    """
    print(f"  G1 {size}: generate, then zstd -3, {G1_REPEATS} times each ...", flush=True)
    generate = [harness.path, "generate", *SIZES[size][1], "--threads", "1",
                "--output", str(directory)]
    dataset = dataset_path(directory, size)
    zstd_command = ["zstd", "-3", "-q", "-c", str(dataset)]
    generations, zstds = [], []
    for _ in range(G1_REPEATS):
        generations.append(measure(generate).check())
        zstds.append(measure(zstd_command).check())
        raw_mb = dataset.stat().st_size / MB
        dataset.unlink()
    generation, zstd = median(generations), median(zstds)
    # Start-up, for context: the same command on one trace (runtime loading, option parsing,
    # topology, files), which every run pays once whatever its size.
    one_trace = [harness.path, "generate", "--traces", "1", "--threads", "1",
                 "--output", str(directory)]
    start_up = median([measure(one_trace).check() for _ in range(G1_REPEATS)])
    generation_mbps, zstd_mbps = raw_mb / generation.wall_s, raw_mb / zstd.wall_s
    ratio = generation_mbps / zstd_mbps
    detail = (f"{size}: generate --threads 1 {generation_mbps:.1f} MB/s "
              f"({generation.wall_s:.3f} s, of which start-up about {start_up.wall_s:.3f} s; "
              f"{generation.peak_rss_mb:.0f} MB RSS) vs zstd -3 "
              f"{zstd_mbps:.1f} MB/s ({zstd.wall_s:.3f} s) on {raw_mb:.1f} MB")
    return Goal("G1", detail, ratio, ">= 1", ratio >= 1)


def goal_g2(harness, directory):
    """phase0 on big at seven levels against the CLI tools at those levels, one after another."""
    if harness.levels_refusal is not None:
        return Goal("G2", f"skipped: the harness refuses --levels ({harness.levels_refusal})")
    print("  G2 big: phase0 --levels " + " ".join(G2_LEVELS) + ", then the CLI tools ...",
          flush=True)
    try:
        harness_run = phase0(harness, "big", G2_LEVELS, directory)
    except LevelsRejected as error:
        return Goal("G2", f"skipped: the harness rejected --levels {' '.join(G2_LEVELS)}: {error}")
    dataset = dataset_path(directory, "big")
    slowest = slowest_stage(directory, "big")
    cli = [(f"{family} -{level}", measure(cli_command(family, level, dataset)).check())
           for family, level in cli_settings(G2_LEVELS)]
    dataset.unlink()
    cli_s = sum(run.wall_s for _, run in cli)
    ratio = harness_run.wall_s / cli_s
    each = ", ".join(f"{name} {run.wall_s:.2f}" for name, run in cli)
    detail = (f"big: harness {harness_run.wall_s:.2f} s ({harness_run.cpu_s:.2f} s CPU, "
              f"slowest stage {slowest or '–'} s, {harness_run.peak_rss_mb:.0f} MB RSS) "
              f"vs CLI {cli_s:.2f} s ({each})")
    return Goal("G2", detail, ratio, "<= 1", ratio <= 1)


def cli_settings(levels):
    """("gzip", 1), ("gzip", 6), … from level groups such as "gzip:1,6,9"."""
    return [(family, int(level)) for group in levels
            for family, numbers in [group.split(":")] for level in numbers.split(",")]


def cli_command(family, level, path):
    """The command-line tool compressing `path` to stdout at `level`."""
    quiet = ["-q"] if family == "zstd" else []
    return [family, *quiet, f"-{level}", "-c", str(path)]


def goals_g3(runs):
    """Peak RSS on 1M, and time(1M) / time(100k) / 10, from the table runs."""
    by_size = {run.size: run for run in runs}
    if "1M" in by_size:
        rss = by_size["1M"].run.peak_rss_mb
        memory = Goal("G3", f"1M peak RSS {rss:.0f} MB", rss / RSS_LIMIT_MB,
                      f"<= 1 ({RSS_LIMIT_MB} MB)", rss <= RSS_LIMIT_MB)
    else:
        memory = Goal("G3", "memory skipped: needs the 1M size")
    if "100k" in by_size and "1M" in by_size:
        small, large = by_size["100k"].run.wall_s, by_size["1M"].run.wall_s
        ratio = large / small / 10
        linear = Goal("G3", f"time 1M {large:.1f} s / 100k {small:.1f} s / 10", ratio,
                      f"<= {LINEARITY_TOLERANCE} (1.0 = linear)", ratio <= LINEARITY_TOLERANCE)
    else:
        linear = Goal("G3", "linearity skipped: needs the 100k and 1M sizes")
    return [memory, linear]


# A1/A2 runs per size, alternating analyze with the CLI tools: the median of three on 100k, where
# one pair of runs drifted by a tenth between invocations on the same code (1.17 against 1.26); one
# on 1M, whose pair of runs takes over three minutes.
ANALYZE_REPEATS = {"100k": 3, "1M": 1}


def goals_analyze(harness, size, directory):
    """A1 and A2 on one generated file: analyze's peak RSS, and its wall against the CLI tools.

    With several repeats each side is the run of median wall (the CLI side by the sum of its
    tools), and the peak RSS is the largest of all the analyze runs.
    """
    repeats = ANALYZE_REPEATS.get(size, 1)
    print(f"  A1/A2 {size}: generate, then analyze and the CLI tools ({repeats} times each) ...",
          flush=True)
    directory.mkdir(parents=True, exist_ok=True)
    measure([harness.path, "generate", *SIZES[size][1], "--output", str(directory)]).check()
    dataset = dataset_path(directory, size)
    raw_mb = dataset.stat().st_size / MB
    analyses, clis = [], []
    for _ in range(repeats):
        report = directory / f"analyze-{size}.md"
        report.unlink(missing_ok=True)
        report.with_suffix(".json").unlink(missing_ok=True)
        analyses.append(measure([harness.path, "analyze", str(dataset), "--report", str(report)]).check())
        clis.append([(f"{family} -{level}", measure(cli_command(family, level, dataset)).check())
                     for family, level in cli_settings(ANALYZE_DEFAULT_LEVELS)])
    dataset.unlink()
    analyze = median(analyses)
    cli = sorted(clis, key=lambda tools: sum(run.wall_s for _, run in tools))[len(clis) // 2]
    cli_s = sum(run.wall_s for _, run in cli)
    each = ", ".join(f"{name} {run.wall_s:.2f}" for name, run in cli)
    spread = (f"; analyze {min(run.wall_s for run in analyses):.1f}-"
              f"{max(run.wall_s for run in analyses):.1f} s over {repeats} runs" if repeats > 1 else "")
    rss = max(run.peak_rss_mb for run in analyses)
    memory = Goal("A1", f"{size} ({raw_mb:.0f} MB): analyze peak RSS {rss:.0f} MB",
                  rss / RSS_LIMIT_MB, f"<= 1 ({RSS_LIMIT_MB} MB)", rss <= RSS_LIMIT_MB)
    ratio = analyze.wall_s / cli_s
    speed = Goal("A2", f"{size} ({raw_mb:.0f} MB): analyze {analyze.wall_s:.1f} s "
                 f"({analyze.cpu_s:.1f} s CPU) vs CLI {cli_s:.1f} s ({each}){spread}",
                 ratio, "<= 1", ratio <= 1)
    return [memory, speed]
# --- T1-T3: the trace-store format (issue 13) beside zstd, each input measured in one run ---

STORE_GOALS = ["T1", "T2", "T3"]
STORE_SAMPLE = ROOT / "experiments/real/hipstershop-oteltraces.zst"
STORE_GENERATED_TRACES = 100_000
STORE_REPEATS = 3  # the sample's runs take a fraction of a second: the median of three
STORE_ENCODE_TARGET = 0.25
STORE_DECODE_TARGET = 0.25


@dataclass
class StoreInput:
    """One input of T1-T3: the decompressed file, what `decode --to` gives it back as."""

    name: str
    path: Path
    decode_to: str


def default_sizes(goals):
    """All sizes, unless only the T goals were chosen: they need no phase0 table runs."""
    return ",".join(SIZES) if any(goal not in STORE_GOALS for goal in goals) else ""


def store_inputs(harness, directory):
    """The real sample decompressed, and 100k generated traces (the 126 MB of the table's 100k)."""
    sample = directory / "hipstershop-oteltraces.otlp"
    with open(sample, "wb") as out:
        subprocess.run(["zstd", "-d", "-q", "-c", str(STORE_SAMPLE)], stdout=out, check=True)
    measure([harness.path, "generate", "--traces", str(STORE_GENERATED_TRACES),
             "--output", str(directory)]).check()
    generated = directory / f"traces_{STORE_GENERATED_TRACES}-traces.jsonl"
    return [StoreInput("sample", sample, "otlp-proto"),
            StoreInput(f"{STORE_GENERATED_TRACES // 1000}k", generated, "jsonl")]


def store_runs(harness, item, directory):
    """Medians of encode, decode, zstd -3 and zstd -d on one input, and one zstd -19 run.

    Every command writes its output to a file, as the harness does, so no side is spared the
    writes; each output is deleted before the next run.
    """
    store, decoded = directory / f"{item.name}.tstore", directory / f"{item.name}.decoded"
    compressed = directory / f"{item.name}.zst"
    commands = {
        "encode": [harness.path, "encode", str(item.path), "-o", str(store)],
        "decode": [harness.path, "decode", str(store), "-o", str(decoded), "--to", item.decode_to],
        "zstd -3": ["zstd", "-3", "-q", "-f", str(item.path), "-o", str(compressed)],
        "zstd -d": ["zstd", "-d", "-q", "-f", str(compressed), "-o", str(decoded)],
    }
    runs = {name: [] for name in commands}
    identical = None
    for _ in range(STORE_REPEATS):
        for name, command in commands.items():
            # encode and decode refuse to replace a file without --force: each run starts afresh.
            if name == "encode":
                store.unlink(missing_ok=True)
            if name == "decode":
                decoded.unlink(missing_ok=True)
            runs[name].append(measure(command).check())
            if name == "decode":
                identical = filecmp.cmp(decoded, item.path, shallow=False)
    medians = {name: median(measured) for name, measured in runs.items()}
    medians["zstd -19"] = measure(["zstd", "-19", "-q", "-f", str(item.path), "-o",
                                   str(compressed)]).check()
    sizes = {"store": store.stat().st_size, "zstd -19": compressed.stat().st_size}
    for path in (store, decoded, compressed):
        path.unlink(missing_ok=True)
    return medians, sizes, identical


def store_goals_of(item, medians, sizes, identical):
    """The T1, T2 and T3 lines of one input."""
    raw_mb = item.path.stat().st_size / MB
    mbps = {name: raw_mb / run.wall_s for name, run in medians.items()}
    encode, decode = medians["encode"], medians["decode"]
    context = (f"on {raw_mb:.1f} MB; zstd -19 {mbps['zstd -19']:.1f} MB/s; "
               f"store {sizes['store'] / MB:.2f} MB, zstd -19 {sizes['zstd -19'] / MB:.2f} MB")
    zstd3, zstdd = medians["zstd -3"], medians["zstd -d"]
    encode_ratio = mbps["encode"] / mbps["zstd -3"]
    decode_ratio = mbps["decode"] / mbps["zstd -d"]
    rss = max(encode.peak_rss_mb, decode.peak_rss_mb)
    same = {True: "byte-identical", False: "not byte-identical", None: "–"}[identical]
    return [
        Goal("T1", f"{item.name}: encode {mbps['encode']:.1f} MB/s ({encode.wall_s:.2f} s, "
                   f"{encode.cpu_s:.2f} s CPU) vs zstd -3 {mbps['zstd -3']:.1f} MB/s "
                   f"({zstd3.wall_s:.2f} s, {zstd3.cpu_s:.2f} s CPU) {context}",
             encode_ratio, f">= {STORE_ENCODE_TARGET}", encode_ratio >= STORE_ENCODE_TARGET),
        Goal("T2", f"{item.name}: decode --to {item.decode_to} {mbps['decode']:.1f} MB/s "
                   f"({decode.wall_s:.2f} s, {decode.cpu_s:.2f} s CPU, {same}) vs zstd -d "
                   f"{mbps['zstd -d']:.1f} MB/s ({zstdd.wall_s:.2f} s, {zstdd.cpu_s:.2f} s CPU)",
             decode_ratio, f">= {STORE_DECODE_TARGET}", decode_ratio >= STORE_DECODE_TARGET),
        Goal("T3", f"{item.name}: peak RSS encode {encode.peak_rss_mb:.0f} MB, decode "
                   f"{decode.peak_rss_mb:.0f} MB (zstd -3 {zstd3.peak_rss_mb:.0f} MB)",
             rss / RSS_LIMIT_MB, f"<= 1 ({RSS_LIMIT_MB} MB)", rss <= RSS_LIMIT_MB),
    ]


def trace_store_goals(harness, goals, directory):
    """T1-T3 on the sample and on generated traces, the chosen ones only."""
    chosen = [goal for goal in STORE_GOALS if goal in goals]
    if not chosen:
        return []
    directory.mkdir(parents=True, exist_ok=True)
    results = []
    for item in store_inputs(harness, directory):
        print(f"  T {item.name}: encode, decode, zstd -3, zstd -d ({STORE_REPEATS} times each), "
              "zstd -19 ...", flush=True)
        results += [goal for goal in store_goals_of(item, *store_runs(harness, item, directory))
                    if goal.name in chosen]
        item.path.unlink()
    return sorted(results, key=lambda goal: STORE_GOALS.index(goal.name))


# --- R1: reading alone (issue 11), `analyze --read-only` on generated JSONL ---


def goals_r1(harness, sizes, directory):
    """R1 on each selected size of R1_SIZES: the reader alone, in MB/s of the JSONL it reads."""
    help_text = subprocess.run([harness.path, "analyze", "--help"], capture_output=True,
                               text=True).stdout
    if "--read-only" not in help_text:
        return [Goal("R1", "skipped: the harness has no `analyze --read-only`")]
    chosen = [size for size in R1_SIZES if size in sizes]
    if not chosen:
        return [Goal("R1", "skipped: needs the 100k or 1M size")]
    return [goal_r1(harness, size, directory) for size in chosen]


def goal_r1(harness, size, directory):
    """`analyze --read-only` on the generated file of `size`: input MB / wall seconds."""
    repeats = R1_REPEATS if size != "1M" else 1
    print(f"  R1 {size}: generate, then analyze --read-only {repeats} times ...", flush=True)
    directory.mkdir(parents=True, exist_ok=True)
    measure([harness.path, "generate", *SIZES[size][1], "--output", str(directory)]).check()
    dataset = dataset_path(directory, size)
    raw_mb = dataset.stat().st_size / MB
    read = [harness.path, "analyze", str(dataset), "--read-only"]
    run = median([measure(read).check() for _ in range(repeats)])
    python = python_json_mbps(dataset, raw_mb) if size == "100k" else None
    dataset.unlink()
    mbps = raw_mb / run.wall_s
    context = f"; Python json.loads loop {python:.1f} MB/s" if python is not None else ""
    detail = (f"{size}: analyze --read-only {mbps:.1f} MB/s ({run.wall_s:.2f} s wall, "
              f"{run.cpu_s:.2f} s CPU, {run.peak_rss_mb:.0f} MB RSS) on {raw_mb:.1f} MB{context}")
    ratio = mbps / R1_TARGET_MBPS
    return Goal("R1", detail, ratio, f">= 1 ({R1_TARGET_MBPS} MB/s)", ratio >= 1)


def python_json_mbps(dataset, raw_mb):
    """MB/s of `json.loads` on each line of `dataset` in this interpreter: the issue's yardstick."""
    loop = "import json,sys\nfor line in open(sys.argv[1], 'rb'):\n    json.loads(line)\n"
    run = measure([sys.executable, "-c", loop, str(dataset)])
    return raw_mb / run.wall_s if run.returncode == 0 else None


def table(runs):
    """Header and rows of the size table, as strings."""
    header = ["size", "traces", "spans", "raw MB", "wall s", "CPU s", "MB/s", "spans/s",
              "peak RSS MB", "slowest stage, CPU s"]
    rows = []
    for r in runs:
        raw_mb = r.raw_bytes / MB if r.raw_bytes is not None else None
        rows.append([
            r.size, f"{r.traces:,}", f"{r.spans:,}" if r.spans is not None else "–",
            f"{raw_mb:.1f}" if raw_mb is not None else "–", f"{r.run.wall_s:.2f}",
            f"{r.run.cpu_s:.2f}", f"{raw_mb / r.run.wall_s:.1f}" if raw_mb is not None else "–",
            f"{r.spans / r.run.wall_s:,.0f}" if r.spans is not None else "–",
            f"{r.run.peak_rss_mb:.0f}", r.slowest or "–"])
    return header, rows


def goal_cells(goal):
    ratio = f"{goal.ratio:.2f}" if goal.ratio is not None else "–"
    return [goal.name, ratio, goal.target or "–", goal.verdict, goal.detail]


def text_table(header, rows):
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    def line(row):
        return "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                         for i, (cell, w) in enumerate(zip(row, widths)))
    lines = [line(row) for row in [header, *rows]]
    return "\n".join(lines)


def markdown_table(header, rows, numeric):
    """A markdown table whose `numeric` columns (indexes) are right-aligned."""
    align = ["---:" if i in numeric else "---" for i in range(len(header))]
    return "\n".join("| " + " | ".join(row) + " |" for row in [header, align, *rows])


def first_line(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True)
        return (result.stdout or result.stderr).strip().splitlines()[0]
    except (OSError, IndexError):
        return "unknown"


def read_proc(path, key):
    """The value of `key:` in a /proc file such as /proc/cpuinfo, or "unknown"."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def linkage(harness):
    """Whether the binary loads the Swift runtime as shared libraries: start-up depends on it."""
    libraries = subprocess.run(["ldd", harness], capture_output=True, text=True).stdout
    if "libswiftCore" in libraries:
        return "Swift runtime and Foundation as shared libraries (swift build -c release)"
    return "Swift runtime and Foundation linked in (swift build -c release --static-swift-stdlib)"


def machine(harness):
    """What the figures depend on, as (label, value) pairs."""
    memory_kb = read_proc("/proc/meminfo", "MemTotal").split()[0]
    commit = first_line(["git", "rev-parse", "--short", "HEAD"])
    if subprocess.run(["git", "diff", "--quiet", "HEAD"]).returncode != 0:
        commit += " (uncommitted changes)"
    return [
        ("date", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("commit", commit),
        ("nproc", str(len(os.sched_getaffinity(0)))),
        ("CPU", read_proc("/proc/cpuinfo", "model name")),
        ("memory", f"{int(memory_kb) / 1024 ** 2:.1f} GiB" if memory_kb.isdigit() else "unknown"),
        ("load average at start", Path("/proc/loadavg").read_text().split()[0]
         if Path("/proc/loadavg").exists() else "unknown"),
        ("harness", f"{harness} {first_line([harness, '--version'])}"),
        ("harness build", linkage(harness)),
        ("zstd", first_line(["zstd", "-V"]).strip("* ")),
        ("gzip", first_line(["gzip", "--version"])),
    ]


def notes(harness):
    return [
        "Table runs: `harness phase0` with its default levels (the full sweep up to 1,000 traces; "
        "gzip 1/6/9, zstd 1/3/9, OTLP gzip-9/zstd-3 and analysis columns at zstd-3 above), default thread count "
        f"({len(os.sched_getaffinity(0))}); MB = 10^6 bytes; "
        "MB/s and spans/s are raw JSONL per wall second.",
        "Peak RSS is the child's ru_maxrss (wait4). CPU s is user + system time. The slowest "
        "stage is the worker thread with the most CPU time in the harness's own timing file.",
        "Goals are ratios of runs made in this one invocation; absolute seconds vary with load.",
    ]


def markdown(machine_info, note_lines, header, rows, goals):
    parts = ["# Benchmarks", "",
             "Written by `make bench` (`scripts/bench.py`); timings from one run on a shared "
             "machine, not the tracked phase 0 report.", "", "## Machine", ""]
    parts += [f"- {name}: {value}" for name, value in machine_info]
    if rows:
        parts += ["", "## Runs", "", markdown_table(header, rows, numeric=range(1, len(header))), ""]
        parts += [f"- {line}" for line in note_lines]
    parts += ["", "## Goals", "",
              markdown_table(["goal", "ratio", "target", "result", "measured"],
                             [goal_cells(g) for g in goals], numeric={1}), ""]
    return "\n".join(parts)


def write_atomically(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, prefix=f".{path.name}.",
                                     delete=False) as handle:
        handle.write(text)
    os.replace(handle.name, path)


def parse_list(text, valid, what):
    """A comma-separated subset of `valid`, matched case-insensitively, in `valid`'s order."""
    by_lower = {name.lower(): name for name in valid}
    chosen = set()
    for item in filter(None, (part.strip() for part in text.split(","))):
        if item.lower() not in by_lower:
            raise BenchError(f"unknown {what} '{item}'; choose from {','.join(valid)}")
        chosen.add(by_lower[item.lower()])
    return [name for name in valid if name in chosen]


def arguments():
    parser = argparse.ArgumentParser(description="Benchmark driver for trace-harness (make bench).")
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES"),
                        help="comma-separated sizes (env BENCH_SIZES; default all)")
    parser.add_argument("--goals", default=os.environ.get("BENCH_GOALS", ",".join(GOALS)),
                        help="comma-separated goals (env BENCH_GOALS; default all)")
    parser.add_argument("--harness", default=os.environ.get("BENCH_HARNESS",
                                                            ".build/release/harness"),
                        help="release binary (env BENCH_HARNESS)")
    parser.add_argument("--markdown", default="docs/benchmarks.md", help="markdown output")
    parser.add_argument("--keep", action="store_true", default=os.environ.get("BENCH_KEEP") == "1",
                        help="keep the temporary output directory (env BENCH_KEEP=1)")
    return parser.parse_args()


def check_tools(harness):
    if not os.access(harness, os.X_OK):
        raise BenchError(f"no executable at {harness}: run `swift build -c release` first")
    missing = [tool for tool in ("zstd", "gzip") if shutil.which(tool) is None]
    if missing:
        raise BenchError(f"missing {' '.join(missing)}: run `make deps`")


def run_goals(harness, sizes, goals, directory, runs):
    results = []
    if "G1" in goals:
        results += [goal_g1(harness, size, directory) for size in G1_SIZES if size in sizes]
        if not any(size in sizes for size in G1_SIZES):
            results.append(Goal("G1", "skipped: needs the big or 100k size"))
    if "G2" in goals:
        results.append(goal_g2(harness, directory) if "big" in sizes
                       else Goal("G2", "skipped: needs the big size"))
    if "G3" in goals:
        results += goals_g3(runs)
    if "A1" in goals or "A2" in goals:
        chosen = [size for size in ANALYZE_SIZES if size in sizes]
        found = [goal for size in chosen for goal in goals_analyze(harness, size, directory)]
        results += [goal for goal in found if goal.name in goals]
        if not chosen:
            results.append(Goal("A1/A2", "skipped: needs the 100k or 1M size"))
    results += trace_store_goals(harness, goals, directory / "store")
    if "R1" in goals:
        results += goals_r1(harness, sizes, directory / "r1")
    return results


def print_results(header, rows, goals):
    print()
    if rows:
        print(text_table(header, rows))
    print()
    for goal in goals:
        ratio = f"{goal.ratio:.2f}" if goal.ratio is not None else "–"
        print(f"{goal.name}  {goal.verdict}  ratio {ratio} (target {goal.target or '–'})  "
              f"{goal.detail}")


def main():
    os.chdir(ROOT)
    args = arguments()
    goals = parse_list(args.goals, GOALS, "goal")
    sizes = parse_list(args.sizes if args.sizes is not None else default_sizes(goals), list(SIZES),
                       "size")
    check_tools(args.harness)
    Path("output/bench").mkdir(parents=True, exist_ok=True)
    directory = Path(tempfile.mkdtemp(prefix="run-", dir="output/bench"))
    try:
        harness = probe(args.harness, directory / "probe")
        if harness.levels_refusal is not None:
            print(f"note: the harness refuses --levels ({harness.levels_refusal}): "
                  "table runs use its default levels, G2 is skipped")
        machine_info = machine(args.harness)
        print(f"bench: sizes {','.join(sizes)}, goals {','.join(goals)}, output {directory}")
        runs = run_sizes(harness, sizes, directory / "sizes")
        results = run_goals(harness, sizes, goals, directory / "goals", runs)
    finally:
        if not args.keep:
            shutil.rmtree(directory, ignore_errors=True)
    header, rows = table(runs)
    print_results(header, rows, results)
    write_atomically(Path(args.markdown),
                     markdown(machine_info, notes(harness), header, rows, results))
    print(f"\nwrote {args.markdown}")


if __name__ == "__main__":
    try:
        main()
    except BenchError as error:
        sys.exit(f"bench: {error}")
    except KeyboardInterrupt:
        sys.exit("bench: interrupted")
