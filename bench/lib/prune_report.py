"""Write the results of one deletion benchmark run as JSON and as a Markdown record.

  prune_report.py WORK_DIR OUT_FILE COMMAND STARTED PRESET TOOLS BACKUPS KEEP

Reads the files that bench/prune.sh left in WORK_DIR, writes WORK_DIR.json and appends the
Markdown record to OUT_FILE. Sizes are in MiB; a repository's size is `du -sb` of its folder.
"""

import datetime
import glob
import json
import os
import subprocess
import sys

import figures
import report

TABLE_HEADER = [
    "| tool | step | seconds | peak RSS MiB | CPU s | repo MiB before | repo MiB after "
    "| freed MiB |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
]
# The command behind each deletion step; Borg's prune only removes archives, and its compact
# frees the space, so they line up with forget and prune of the other tools.
DELETION_COMMANDS = {
    ("holdfast", "forget"): "`forget --keep-last {keep}`",
    ("holdfast", "prune"): "`prune`",
    ("restic", "forget"): "`forget --keep-last {keep}`",
    ("restic", "prune"): "`prune`",
    ("borg", "forget"): "`prune --keep-last {keep}`",
    ("borg", "prune"): "`compact`",
}


def load_mutations(work):
    paths = glob.glob(os.path.join(work, "mutations", "*.json"))
    return [report.load_json(path) for path in sorted(paths, key=mutation_round)]


def mutation_round(path):
    return int(os.path.splitext(os.path.basename(path))[0])


def with_sizes_before(steps):
    """Add each step's repository size before it: the size after the tool's previous step."""
    previous = {}
    for step in steps:
        step["repo_bytes_before"] = previous.get(step["tool"])
        if step["repo_bytes"] is not None:
            previous[step["tool"]] = step["repo_bytes"]
    return steps


def collect(work, command, started, preset, tools, backups, keep):
    """Return the results of the run whose files are in work."""
    machine = report.load_json(os.path.join(work, "machine.json"), {})
    machine["load_average_end"] = figures.load_average()
    steps = [json.loads(line)
             for line in report.load_lines(os.path.join(work, "steps.jsonl"))]
    with_sizes_before(steps)
    for step in steps:
        if "user_seconds" in step:
            step["cpu_seconds"] = round(step["user_seconds"] + step["system_seconds"], 2)
    uptime_start = report.load_lines(os.path.join(work, "uptime-start.txt"))
    return {
        "started": started,
        "finished": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": command,
        "preset": preset,
        "tools": tools,
        "backups": backups,
        "keep": keep,
        "work_dir": work,
        "uptime_start": uptime_start[0] if uptime_start else None,
        "uptime_end": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(),
        "machine": machine,
        "settings": report.load_json(os.path.join(work, "settings.json"), {}),
        "dataset": report.load_json(os.path.join(work, "dataset.json")),
        "mutations": load_mutations(work),
        "dataset_last": report.dataset_after(
            report.load_json(os.path.join(work, "manifest-last.json"), {})),
        "steps": steps,
        "restores": {tool: report.load_json(os.path.join(work, f"restore-check-{tool}.json"))
                     for tool in tools},
        "failures": report.load_lines(os.path.join(work, "failures.txt")),
    }


def cell_mib(value):
    return report.mib(value) if value is not None else ""


def seconds_cell(step):
    seconds = f"{step['seconds']:.2f}" if "seconds" in step else "?"
    if step["exit_code"] != 0:
        return f"**FAILED** (exit {step['exit_code']}) after {seconds}"
    return seconds


def freed(before, after):
    if before is None or after is None:
        return None
    return before - after


def table_row(tool, label, step):
    before, after = step.get("repo_bytes_before"), step["repo_bytes"]
    cells = [
        tool,
        label,
        seconds_cell(step),
        f"{step['max_rss_kib'] / 1024:,.0f}" if "max_rss_kib" in step else "",
        f"{step['cpu_seconds']:,.1f}" if "cpu_seconds" in step else "",
        cell_mib(before),
        cell_mib(after),
        cell_mib(freed(before, after)),
    ]
    return "| " + " | ".join(cells) + " |"


def backups_summary(steps, count):
    """Return one pseudo-step that sums the tool's backups: time, CPU, the largest RSS."""
    return {
        "exit_code": max((step["exit_code"] for step in steps), default=0),
        "seconds": sum(step.get("seconds", 0) for step in steps),
        "cpu_seconds": sum(step.get("cpu_seconds", 0) for step in steps),
        "max_rss_kib": max((step.get("max_rss_kib", 0) for step in steps), default=0),
        "repo_bytes_before": None,
        "repo_bytes": steps[-1]["repo_bytes"] if steps else None,
        "count": count,
    }


def deletion_total(forget, prune):
    """Return one pseudo-step for forget and prune together."""
    return {
        "exit_code": max(forget["exit_code"], prune["exit_code"]),
        "seconds": forget.get("seconds", 0) + prune.get("seconds", 0),
        "cpu_seconds": forget.get("cpu_seconds", 0) + prune.get("cpu_seconds", 0),
        "max_rss_kib": max(forget.get("max_rss_kib", 0), prune.get("max_rss_kib", 0)),
        "repo_bytes_before": forget.get("repo_bytes_before"),
        "repo_bytes": prune["repo_bytes"],
    }


def tool_rows(tool, steps, keep):
    """Return the table rows of one tool: its backups summed, forget, prune, both, check."""
    by_name = {step["step"]: step for step in steps}
    backups = [step for step in steps if step["step"].startswith("backup-")]
    rows = []
    if backups:
        rows.append(table_row(tool, f"{len(backups)} backups, summed",
                              backups_summary(backups, len(backups))))
    for name in ("forget", "prune"):
        if name in by_name:
            label = DELETION_COMMANDS[(tool, name)].format(keep=keep)
            rows.append(table_row(tool, label, by_name[name]))
    if "forget" in by_name and "prune" in by_name:
        rows.append(table_row(tool, "**forget and prune**",
                              deletion_total(by_name["forget"], by_name["prune"])))
    if "check" in by_name:
        rows.append(table_row(tool, "`check`", dict(by_name["check"], repo_bytes_before=None)))
    return rows


def mutations_line(mutations, last):
    if not mutations:
        return "none"
    small = {key: sum(m["small"][key] for m in mutations)
             for key in ("changed", "added", "removed")}
    system = sum(m["system"]["changed"] for m in mutations)
    inserted = sum(change["inserted_bytes"] for m in mutations for change in m["large"].values())
    rewritten = mutations[0].get("rewritten_bytes", 0)
    seeds = f"{mutations[0]['seed']}–{mutations[-1]['seed']}"
    return (
        f"{len(mutations)} rounds of `bench/mutate.sh --fraction {mutations[0]['fraction']:g}` "
        f"with seeds {seeds}, together: {small['changed']:,} small files changed, "
        f"{small['added']:,} added, {small['removed']:,} removed; {system:,} real files "
        f"changed; {report.mib(inserted)} MiB inserted into `large/random.bin` and "
        f"`large/text.txt`. Each round also replaced `large/rewritten.bin` with "
        f"{report.mib(rewritten)} MiB of new random bytes. Dataset at the last backup: "
        f"{report.mib(last['bytes'])} MiB in {last['files']:,} files")


def checks_line(results):
    parts = []
    for tool in results["tools"]:
        steps = {step["step"]: step for step in results["steps"] if step["tool"] == tool}
        check = steps.get("check")
        check_text = ("passed" if check and check["exit_code"] == 0
                      else "not run" if check is None else "**FAILED**")
        verdict = results["restores"].get(tool)
        if verdict is None:
            restore = "newest snapshot not restored"
        else:
            restore = "newest snapshot restored: " + report.restore_line(tool, verdict).split(
                ": ", 1)[1]
        parts.append(f"{tool}: `check` {check_text}, {restore}")
    return "; ".join(parts)


def summary_lines(results):
    """Return one sentence per tool: the share of the repository that deletion freed."""
    lines = []
    for tool in results["tools"]:
        steps = {step["step"]: step for step in results["steps"] if step["tool"] == tool}
        if "forget" not in steps or "prune" not in steps:
            continue
        total = deletion_total(steps["forget"], steps["prune"])
        before, after = total["repo_bytes_before"], total["repo_bytes"]
        if not before or after is None:
            continue
        lines.append(
            f"- {tool}: forget and prune took {total['seconds']:.2f} s with at most "
            f"{total['max_rss_kib'] / 1024:,.0f} MiB resident and freed "
            f"{report.mib(before - after)} MiB, {100 * (before - after) / before:.1f}% "
            f"of the repository")
    return lines


def markdown(results):
    lines = [
        f"### Deletion run of {results['started']}, {results['preset']} dataset, "
        f"{', '.join(results['tools'])}",
        "",
        f"- Command: `{results['command']}`",
        f"- `uptime` before the run: `{results['uptime_start']}`; after: "
        f"`{results['uptime_end']}`",
        f"- Machine: {report.machine_line(results['machine'])}",
        f"- Versions: {report.versions_line(results['machine'])}",
        f"- Dataset at the first backup: {report.dataset_line(results['dataset'])}",
        f"- Mutations between the {results['backups']} backups: "
        f"{mutations_line(results['mutations'], results['dataset_last'])}",
        f"- Kept: the newest {results['keep']} snapshots of {results['backups']}",
    ]
    for tool in results["tools"]:
        lines.append(f"- Settings of {tool}: {results['settings'].get(tool, 'not recorded')}")
    lines.append(f"- Checks after the deletion: {checks_line(results)}")
    if results["failures"]:
        lines.append(f"- **Failures**: {'; '.join(results['failures'])}")
    lines += [""] + TABLE_HEADER
    for tool in results["tools"]:
        lines += tool_rows(tool, [s for s in results["steps"] if s["tool"] == tool],
                           results["keep"])
    summary = summary_lines(results)
    if summary:
        lines += [""] + summary
    return "\n".join(lines) + "\n"


def main(argv):
    if len(argv) != 8:
        print(__doc__, file=sys.stderr)
        return 2
    work, out, command, started, preset, tools, backups, keep = argv
    work = work.rstrip(os.sep)
    results = collect(work, command, started, preset, tools.split(","), int(backups),
                      int(keep))
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
