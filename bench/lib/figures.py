"""Collect the figures of one benchmark run; bench/run.sh calls each subcommand.

  figures.py record STEPS.jsonl TOOL STEP TIME_FILE EXIT_CODE REPO_BYTES CACHE_BYTES
      parse the output of GNU time -v for one step and append it as a JSON line.
      REPO_BYTES and CACHE_BYTES are "-" when the folder does not exist.
  figures.py machine JAVA WORK_DIR > machine.json
      describe the machine, its load, the file system of WORK_DIR and the versions of
      Java, restic and Borg
  figures.py snapshots LISTING.json EXPECTED
      exit 1 unless a tool's JSON list of snapshots contains EXPECTED entries. A listing
      whose shape contains no recognisable list passes with a warning.
"""

import json
import os
import platform
import shutil
import subprocess
import sys


def parse_time_file(path):
    """Return wall, user and system seconds and peak RSS in KiB from GNU time -v output."""
    figures = {}
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            label, _, value = line.strip().rpartition(": ")
            if label.startswith("Elapsed (wall clock) time"):
                # The format is h:mm:ss or m:ss.ss.
                seconds = 0.0
                for part in value.split(":"):
                    seconds = seconds * 60 + float(part)
                figures["seconds"] = round(seconds, 2)
            elif label == "User time (seconds)":
                figures["user_seconds"] = float(value)
            elif label == "System time (seconds)":
                figures["system_seconds"] = float(value)
            elif label == "Maximum resident set size (kbytes)":
                figures["max_rss_kib"] = int(value)
    return figures


def record(argv):
    steps_file, tool, step, time_file, exit_code, repo_bytes, cache_bytes = argv
    entry = {"tool": tool, "step": step, "exit_code": int(exit_code)}
    if os.path.exists(time_file):
        entry.update(parse_time_file(time_file))
    entry["repo_bytes"] = None if repo_bytes == "-" else int(repo_bytes)
    entry["cache_bytes"] = None if cache_bytes == "-" else int(cache_bytes)
    entry["load_average_after"] = load_average()
    with open(steps_file, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry) + "\n")
    return 0


def first_line_of(command):
    """Return the first output line of command, or None when it cannot run."""
    if shutil.which(command[0]) is None:
        return None
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = (result.stdout or result.stderr).strip().splitlines()
    return lines[0] if lines else None


def proc_value(path, key):
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    return None


def load_average():
    """Return the 1-minute load average: other work on the machine skews the timings."""
    with open("/proc/loadavg", encoding="utf-8") as handle:
        return float(handle.read().split()[0])


def machine(argv):
    java, work = argv
    memory_kib = int(proc_value("/proc/meminfo", "MemTotal").split()[0])
    description = {
        "cores": os.cpu_count(),
        "cpu": proc_value("/proc/cpuinfo", "model name"),
        "memory_bytes": memory_kib * 1024,
        "kernel": platform.release(),
        "filesystem": first_line_of(
            ["findmnt", "--noheadings", "--output", "FSTYPE", "--target", work]),
        "load_average_start": load_average(),
        "java": first_line_of([java, "-version"]),
        "restic": first_line_of(["restic", "version"]),
        "borg": first_line_of(["borg", "--version"]),
    }
    print(json.dumps(description, indent=2))
    return 0


def count_snapshots(listing):
    """Return the number of snapshots in a JSON listing, or None for an unknown shape.

    restic prints a list, Borg an object whose "archives" field is the list.
    """
    if isinstance(listing, list):
        return len(listing)
    if isinstance(listing, dict):
        for key in ("snapshots", "archives"):
            if isinstance(listing.get(key), list):
                return len(listing[key])
        lists = [value for value in listing.values() if isinstance(value, list)]
        if len(lists) == 1:
            return len(lists[0])
    return None


def snapshots(argv):
    listing_path, expected = argv[0], int(argv[1])
    try:
        with open(listing_path, encoding="utf-8") as handle:
            listing = json.load(handle)
    except (OSError, json.JSONDecodeError) as error:
        print(f"snapshot list '{listing_path}' is missing or not valid JSON: {error}")
        return 1
    count = count_snapshots(listing)
    if count is None:
        print(f"warning: snapshot list '{listing_path}' contains no list of snapshots, "
              "so the count is not checked")
        return 0
    if count != expected:
        print(f"snapshot list '{listing_path}' contains {count} snapshots, "
              f"expected {expected}")
        return 1
    return 0


def main(argv):
    commands = {"record": (record, 7), "machine": (machine, 2), "snapshots": (snapshots, 2)}
    if not argv or argv[0] not in commands or len(argv) - 1 != commands[argv[0]][1]:
        print(__doc__, file=sys.stderr)
        return 2
    function, _ = commands[argv[0]]
    return function(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
