"""Write the results of one benchmark run as JSON and as a Markdown record.

  report.py WORK_DIR OUT_FILE COMMAND STARTED PRESET TOOLS

Reads the files that bench/run.sh left in WORK_DIR, writes WORK_DIR.json and appends the
Markdown record to OUT_FILE. Throughput is in MB/s of 10^6 bytes, sizes in MiB.
"""

import datetime
import json
import os
import sys

import figures

MIB = 1 << 20
MB = 1_000_000
STEP_LABELS = {
    "jvm-start": "JVM start-up (`--help`)",
    "init": "init",
    "backup-first": "first backup",
    "backup-unchanged": "unchanged backup",
    "backup-mutated": "backup after mutation",
    "list-snapshots": "list snapshots (JSON)",
    "restore": "full restore of latest",
}
BACKUP_STEPS = ("backup-first", "backup-unchanged", "backup-mutated")
AFTER_MUTATION_STEPS = ("backup-mutated", "restore")
TABLE_HEADER = [
    "| tool | step | seconds | MB/s | peak RSS MiB | CPU s | repo MiB | repo +MiB |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
]


def load_json(path, default=None):
    if not os.path.exists(path):
        return default
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def load_lines(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip()]


def mib(value):
    return f"{value / MIB:,.1f}"


def dataset_after(manifest):
    """Return the bytes and the count of files and links of the mutated dataset."""
    return {
        "bytes": sum(entry["size"] for entry in manifest.values() if entry["type"] == "file"),
        "files": sum(1 for entry in manifest.values() if entry["type"] in ("file", "symlink")),
    }


def with_derived_figures(steps, bytes_before, bytes_after):
    """Add throughput, CPU time and repository growth to each step; return the steps."""
    previous_repo = {}
    for step in steps:
        tool = step["tool"]
        if step["step"] in BACKUP_STEPS + ("restore",) and step.get("seconds") is not None:
            size = bytes_after if step["step"] in AFTER_MUTATION_STEPS else bytes_before
            step["dataset_bytes"] = size
            step["mb_per_second"] = round(size / MB / max(step["seconds"], 0.01), 1)
        if "user_seconds" in step:
            step["cpu_seconds"] = round(step["user_seconds"] + step["system_seconds"], 2)
        if step["repo_bytes"] is not None:
            if step["step"] in BACKUP_STEPS and tool in previous_repo:
                step["repo_growth_bytes"] = step["repo_bytes"] - previous_repo[tool]
            previous_repo[tool] = step["repo_bytes"]
    return steps


def collect(work, command, started, preset, tools):
    """Return the results of the run whose files are in work."""
    dataset = load_json(os.path.join(work, "dataset.json"))
    after = dataset_after(load_json(os.path.join(work, "manifest-after.json"), {}))
    machine = load_json(os.path.join(work, "machine.json"), {})
    machine["load_average_end"] = figures.load_average()
    steps = figures_of_steps(work, dataset["bytes"], after["bytes"])
    return {
        "started": started,
        "finished": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": command,
        "preset": preset,
        "tools": tools,
        "work_dir": work,
        "machine": machine,
        "settings": load_json(os.path.join(work, "settings.json"), {}),
        "dataset": dataset,
        "mutation": load_json(os.path.join(work, "mutation.json")),
        "dataset_after": after,
        "steps": steps,
        "restores": {tool: load_json(os.path.join(work, f"restore-check-{tool}.json"))
                     for tool in tools},
        "failures": load_lines(os.path.join(work, "failures.txt")),
    }


def figures_of_steps(work, bytes_before, bytes_after):
    steps = [json.loads(line) for line in load_lines(os.path.join(work, "steps.jsonl"))]
    return with_derived_figures(steps, bytes_before, bytes_after)


def table_row(step):
    failed = step["exit_code"] != 0
    seconds = f"{step['seconds']:.2f}" if "seconds" in step else "?"
    if failed:
        seconds = f"**FAILED** (exit {step['exit_code']}) after {seconds}"
    shows_repo = step["repo_bytes"] is not None and step["step"] in ("init",) + BACKUP_STEPS
    cells = [
        step["tool"],
        STEP_LABELS.get(step["step"], step["step"]),
        seconds,
        f"{step['mb_per_second']:,.1f}" if "mb_per_second" in step and not failed else "",
        f"{step['max_rss_kib'] / 1024:,.0f}" if "max_rss_kib" in step else "",
        f"{step['cpu_seconds']:,.1f}" if "cpu_seconds" in step else "",
        mib(step["repo_bytes"]) if shows_repo else "",
        mib(step["repo_growth_bytes"]) if "repo_growth_bytes" in step else "",
    ]
    return "| " + " | ".join(cells) + " |"


def in_table_order(steps, tools):
    """Return steps grouped by tool in the order of --tools, each tool's steps as run."""
    rank = {tool: index for index, tool in enumerate(tools)}
    return sorted(steps, key=lambda step: rank.get(step["tool"], len(rank)))


def machine_line(machine):
    return (f"{machine['cores']} cores, {machine['cpu']}, "
            f"{machine['memory_bytes'] / (1 << 30):.1f} GiB memory, "
            f"Linux {machine['kernel']}, work folder on {machine.get('filesystem') or '?'}; "
            f"load average {machine['load_average_start']:.1f} at the start and "
            f"{machine['load_average_end']:.1f} at the end")


def versions_line(machine):
    return "; ".join(machine[key] for key in ("java", "restic", "borg") if machine.get(key))


def dataset_line(dataset):
    system, large, small = dataset["system"], dataset["large"], dataset["small"]
    sources = ", ".join(system["sources"]) or "none"
    return (
        f"{mib(dataset['bytes'])} MiB in {dataset['files']:,} files (seed {dataset['seed']}): "
        f"real files {mib(system['bytes'])} MiB ({system['files']:,} files and "
        f"{system['symlinks']:,} symbolic links from {sources}); "
        f"`large/random.bin` {mib(large['random_bytes'])} MiB of random bytes; "
        f"`large/text.txt` {mib(large['text_bytes'])} MiB of text; "
        f"{small['files']:,} small files of 0–{small['max_bytes']:,} bytes, "
        f"{mib(small['bytes'])} MiB")


def mutation_line(mutation, after):
    small, system, large = mutation["small"], mutation["system"], mutation["large"]
    inserted = "; ".join(
        f"{mib(change['inserted_bytes'])} MiB inserted at byte {change['offset']:,} "
        f"of `large/{name}`" for name, change in large.items())
    return (
        f"seed {mutation['seed']}, fraction {mutation['fraction']:g}: "
        f"{small['changed']:,} small files changed, {small['added']:,} added, "
        f"{small['removed']:,} removed; {system['changed']:,} real files changed; "
        f"{inserted}. Dataset after: {mib(after['bytes'])} MiB in {after['files']:,} files")


def restore_line(tool, check):
    if check is None:
        return f"{tool}: not verified (no restore)"
    if check["matches"]:
        return f"{tool}: matches ({check['entries']:,} entries)"
    kinds = ", ".join(f"{kind} {difference['count']:,}"
                      for kind, difference in check["differences"].items())
    return f"{tool}: **MISMATCH** ({kinds}; examples in the JSON record)"


def markdown(results):
    lines = [
        f"### {results['started']}, {results['preset']} dataset, {', '.join(results['tools'])}",
        "",
        f"- Command: `{results['command']}`",
        f"- Machine: {machine_line(results['machine'])}",
        f"- Versions: {versions_line(results['machine'])}",
        f"- Dataset: {dataset_line(results['dataset'])}",
    ]
    if results["mutation"]:
        lines.append(f"- Mutation: {mutation_line(results['mutation'], results['dataset_after'])}")
    for tool in results["tools"]:
        lines.append(f"- Settings of {tool}: {results['settings'].get(tool, 'not recorded')}")
    checks = "; ".join(restore_line(tool, results["restores"].get(tool))
                       for tool in results["tools"])
    lines.append(f"- Restore check: {checks}")
    if results["failures"]:
        lines.append(f"- **Failures**: {'; '.join(results['failures'])}")
    lines += [""] + TABLE_HEADER
    lines += [table_row(step) for step in in_table_order(results["steps"], results["tools"])]
    return "\n".join(lines) + "\n"


def main(argv):
    if len(argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    work, out, command, started, preset, tools = argv
    work = work.rstrip(os.sep)
    results = collect(work, command, started, preset, tools.split(","))
    with open(work + ".json", "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=2)
        handle.write("\n")
    text = markdown(results)
    with open(out, "a", encoding="utf-8") as handle:
        handle.write("\n" + text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
