#!/usr/bin/env python3
"""Times `parindex rank … --format csv` and the pandas peer on generated year folders.

    python3 Benchmarks/bench.py --parindex /tmp/bench-build/release/parindex [--runs 3] [--no-peer] DIR...

Each DIR is a folder written by Benchmarks/generate.py (criteria.json inside). For each
folder: `runs` runs of the engine under `/usr/bin/time -v` (wall time and peak RSS), the same
for the peer (`--json` phase timings), then a byte comparison of the two ranking CSVs.
Prints one Markdown table row per folder and program (medians; RSS is the largest seen).
Python 3 standard library only (the peer itself needs pandas).
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(command):
    """Runs command under /usr/bin/time -v; returns (rc, wall s, CPU s, peak RSS KiB, stdout, stderr)."""
    result = subprocess.run(["/usr/bin/time", "-v"] + command, capture_output=True, text=True)
    err = result.stderr
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", err).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    cpu = float(re.search(r"User time \(seconds\): (\S+)", err).group(1)) + \
        float(re.search(r"System time \(seconds\): (\S+)", err).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1))
    messages = "\n".join(line for line in err.splitlines() if not line.startswith("\t") and "Command exited" not in line)
    return result.returncode, seconds, cpu, rss, result.stdout, messages


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--parindex", required=True, help="the release binary")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("dirs", nargs="+")
    args = parser.parse_args()
    print("| folder | program | runs | wall s (median) | wall s (all) | CPU s (median) | peak RSS MiB | result |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for folder in args.dirs:
            name = os.path.basename(os.path.normpath(folder))
            criteria = os.path.join(folder, "criteria.json")
            ours = os.path.join(tmp, name + "-parindex.csv")
            walls, cpus, rss, note = [], [], 0, "ok"
            for _ in range(args.runs):
                rc, wall, cpu, peak, _, err = timed([args.parindex, "rank", criteria, folder, "--format", "csv", "-o", ours])
                if rc != 0:
                    note = "exit %d: %s" % (rc, err.strip().splitlines()[0] if err.strip() else "")
                    print(err, file=sys.stderr)
                    break
                walls.append(wall)
                cpus.append(cpu)
                rss = max(rss, peak)
            print("| %s | parindex rank | %d | %s | %s | %s | %.0f | %s |" % (
                name, len(walls), "%.2f" % statistics.median(walls) if walls else "-",
                " ".join("%.2f" % w for w in walls), "%.2f" % statistics.median(cpus) if cpus else "-", rss / 1024, note))
            sys.stdout.flush()
            if args.no_peer:
                continue
            theirs = os.path.join(tmp, name + "-peer.csv")
            walls, cpus, rss, phases = [], [], 0, []
            for _ in range(args.runs):
                rc, wall, cpu, peak, out, err = timed(
                    [sys.executable, os.path.join(HERE, "peer", "peer.py"), criteria, folder, "--json", "-o", theirs])
                if rc != 0:
                    print(err, file=sys.stderr)
                    break
                walls.append(wall)
                cpus.append(cpu)
                rss = max(rss, peak)
                phases.append(json.loads(out)["phases"])
            same = os.path.exists(ours) and os.path.exists(theirs) and open(ours, "rb").read() == open(theirs, "rb").read()
            median_phases = {k: statistics.median(p[k] for p in phases) for k in phases[0]} if phases else {}
            print("| %s | peer (pandas) | %d | %s | %s | %s | %.0f | %s; phases %s |" % (
                name, len(walls), "%.2f" % statistics.median(walls) if walls else "-",
                " ".join("%.2f" % w for w in walls), "%.2f" % statistics.median(cpus) if cpus else "-", rss / 1024,
                "CSV identical to parindex" if same else "CSV DIFFERS",
                ", ".join("%s %.2f" % kv for kv in median_phases.items())))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
