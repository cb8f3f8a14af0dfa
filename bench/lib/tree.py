"""Record a folder tree as a manifest and compare a restored tree against it.

A manifest maps each relative path to its type, permission bits and, for regular files,
size, modification time in nanoseconds and SHA-256, or, for symbolic links, the target.
Folder times are not compared, because a restore writes into folders after creating them.

  tree.py manifest DIR OUT.json      write the manifest of DIR
  tree.py compare MANIFEST.json DIR  compare DIR with the manifest; exit 1 on any difference
  tree.py locate DATASET RESTORED    print where the dataset's root lies inside RESTORED
"""

import hashlib
import json
import os
import stat
import sys

BLOCK = 1 << 20
EXAMPLES = 20


def file_digest(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def describe(path):
    info = os.lstat(path)
    entry = {"mode": stat.S_IMODE(info.st_mode)}
    if stat.S_ISLNK(info.st_mode):
        entry.update(type="symlink", target=os.readlink(path))
    elif stat.S_ISDIR(info.st_mode):
        entry["type"] = "dir"
    elif stat.S_ISREG(info.st_mode):
        entry.update(type="file", size=info.st_size, mtime_ns=info.st_mtime_ns,
                     sha256=file_digest(path))
    else:
        entry["type"] = "other"
    return entry


def manifest(root):
    """Return {relative path: entry} for everything below root, root itself excluded."""
    entries = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            entries[os.path.relpath(path, root)] = describe(path)
    return entries


def compare(expected, actual):
    """Return {kind of difference: [relative paths]} for every difference found."""
    differences = {"missing": [], "extra": [], "type": [], "content": [],
                   "symlink_target": [], "mode": [], "mtime": []}
    for path in sorted(expected.keys() - actual.keys()):
        differences["missing"].append(path)
    for path in sorted(actual.keys() - expected.keys()):
        differences["extra"].append(path)
    for path in sorted(expected.keys() & actual.keys()):
        want, got = expected[path], actual[path]
        if want["type"] != got["type"]:
            differences["type"].append(path)
            continue
        if want["type"] == "file":
            if (want["size"], want["sha256"]) != (got["size"], got["sha256"]):
                differences["content"].append(path)
            if want["mtime_ns"] != got["mtime_ns"]:
                differences["mtime"].append(path)
        if want["type"] == "symlink" and want["target"] != got["target"]:
            differences["symlink_target"].append(path)
        # Restoring a link's own mode is impossible on Linux, so links are left out.
        if want["type"] != "symlink" and want["mode"] != got["mode"]:
            differences["mode"].append(path)
    return {kind: paths for kind, paths in differences.items() if paths}


def locate(dataset, restored):
    """Return the folder inside restored that corresponds to the dataset's root.

    restic and borg restore the absolute path below the target, so the dataset lies
    at restored/<absolute path>; other tools may put it at restored/<basename> or
    straight into restored.
    """
    dataset = os.path.realpath(dataset)
    candidates = [
        os.path.join(restored, dataset.lstrip(os.sep)),
        os.path.join(restored, os.path.basename(dataset)),
        restored,
    ]
    for candidate in candidates:
        if os.path.isdir(os.path.join(candidate, "large")):
            return candidate
    return None


def run_compare(manifest_path, root):
    with open(manifest_path, encoding="utf-8") as handle:
        expected = json.load(handle)
    differences = compare(expected, manifest(root))
    report = {"entries": len(expected), "matches": not differences,
              "differences": {kind: {"count": len(paths), "examples": paths[:EXAMPLES]}
                              for kind, paths in differences.items()}}
    print(json.dumps(report, indent=2))
    return 0 if report["matches"] else 1


def main(argv):
    if len(argv) == 3 and argv[0] == "manifest":
        with open(argv[2], "w", encoding="utf-8") as handle:
            json.dump(manifest(argv[1]), handle)
        return 0
    if len(argv) == 3 and argv[0] == "compare":
        return run_compare(argv[1], argv[2])
    if len(argv) == 3 and argv[0] == "locate":
        found = locate(argv[1], argv[2])
        if found is None:
            print(f"no restored copy of '{argv[1]}' found below '{argv[2]}'", file=sys.stderr)
            return 1
        print(found)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
