"""Mutate about 1% of a dataset made by make_dataset.py, in place.

- small files: FRACTION of them get a range overwritten, FRACTION/2 new ones are added
  and FRACTION/2 are removed;
- real files copied from the machine (under system/): FRACTION of the regular ones get
  up to 4 KiB overwritten at a random offset;
- large/random.bin and large/text.txt: FRACTION of their size is inserted near the
  middle, so every byte after that point shifts. Content-defined chunking stores the
  inserted bytes and the one or two chunks around them again, whereas fixed-size
  blocks would store the whole tail again;
- with --rewrite-mib N: large/rewritten.bin is replaced by N MiB of new random bytes, so
  no chunk of the previous version stays in use. bench/prune.sh uses it to leave data
  that only older snapshots need.

The summary (counts and bytes) is printed as JSON, or written to --json FILE.
"""

import argparse
import json
import os
import random
import shutil
import sys

import datagen

OVERWRITE_MAX = 4096
MIB = 1 << 20


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset", help="folder written by make-dataset.sh")
    parser.add_argument("--seed", type=int, default=2, help="seed of all choices and content")
    parser.add_argument("--fraction", type=float, default=0.01,
                        help="share of files to change and of large-file size to insert")
    parser.add_argument("--words-from", default=datagen.DEFAULT_WORDS_FROM,
                        help="file or folder of plain text whose words make the text content")
    parser.add_argument("--rewrite-mib", type=int, default=0,
                        help="MiB of new random bytes that replace large/rewritten.bin, "
                             "which is created when missing (default 0: left alone)")
    parser.add_argument("--json", help="write the summary here instead of to stdout")
    args = parser.parse_args(argv)
    if not 0 < args.fraction <= 0.5:
        raise SystemExit(f"--fraction {args.fraction} is invalid: pass a value in (0, 0.5]")
    if args.rewrite_mib < 0:
        raise SystemExit(f"--rewrite-mib {args.rewrite_mib} is invalid: pass 0 or more")
    return args


def list_files(root):
    """Return the regular files under root (not symbolic links), sorted."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            if os.path.isfile(path) and not os.path.islink(path):
                found.append(path)
    return found


def overwrite_range(path, rng, content):
    """Overwrite content at a random offset of path; return the bytes written."""
    size = os.path.getsize(path)
    offset = rng.randint(0, max(0, size - len(content)))
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(content)
    return len(content)


def mutate_small_files(root, fraction, rng, text):
    files = list_files(root)
    count = max(1, round(len(files) * fraction))
    chosen = rng.sample(files, min(len(files), count + count // 2))
    changed, removed = chosen[:count], chosen[count:]
    written = 0
    for path in changed:
        size = rng.randint(1, OVERWRITE_MAX)
        content = text.text(size) if path.endswith(".txt") else rng.randbytes(size)
        written += overwrite_range(path, rng, content)
    for path in removed:
        os.remove(path)
    added = count // 2
    for index in range(added):
        folder = os.path.dirname(rng.choice(files))
        size = rng.randint(0, OVERWRITE_MAX)
        with open(os.path.join(folder, f"n{index:06d}.bin"), "wb") as handle:
            handle.write(rng.randbytes(size))
        written += size
    return {"changed": len(changed), "added": added, "removed": len(removed),
            "bytes_written": written}


def mutate_system_files(root, fraction, rng):
    files = [path for path in list_files(root) if os.path.getsize(path) > 0]
    if not files:
        return {"changed": 0, "bytes_written": 0}
    chosen = rng.sample(files, max(1, round(len(files) * fraction)))
    written = 0
    for path in chosen:
        size = min(os.path.getsize(path), OVERWRITE_MAX)
        written += overwrite_range(path, rng, rng.randbytes(size))
    return {"changed": len(chosen), "bytes_written": written}


def insert_in_middle(path, content, rng):
    """Rewrite path with content inserted near its middle; return the insert offset.

    The new file replaces the old one by rename, so a crash leaves one or the other.
    """
    size = os.path.getsize(path)
    # An offset off any power-of-two boundary, so no chunker gets a lucky alignment.
    offset = size // 2 + rng.randint(1, 65_535)
    offset = min(offset, size)
    temporary = path + ".mutating"
    with open(path, "rb") as source, open(temporary, "wb") as target:
        remaining = offset
        while remaining > 0:
            block = source.read(min(remaining, datagen.BLOCK))
            target.write(block)
            remaining -= len(block)
        target.write(content)
        shutil.copyfileobj(source, target, datagen.BLOCK)
    shutil.copymode(path, temporary)
    os.replace(temporary, path)
    return offset


def mutate_large_files(root, fraction, rng, text):
    summary = {}
    for name in ("random.bin", "text.txt"):
        path = os.path.join(root, name)
        if not os.path.isfile(path):
            continue
        size = max(1, round(os.path.getsize(path) * fraction))
        content = rng.randbytes(size) if name.endswith(".bin") else text.text(size)
        offset = insert_in_middle(path, content, rng)
        summary[name] = {"inserted_bytes": size, "offset": offset}
    return summary


def rewrite_large_file(root, mib, rng):
    """Replace large/rewritten.bin with mib MiB of new random bytes; return the bytes written."""
    path = os.path.join(root, "rewritten.bin")
    temporary = path + ".mutating"
    datagen.write_random(temporary, rng, mib * MIB)
    os.replace(temporary, path)
    return mib * MIB


def main(argv):
    args = parse_args(argv)
    root = os.path.realpath(args.dataset)
    if not os.path.isdir(os.path.join(root, "small")):
        raise SystemExit(f"'{root}' has no small/ folder: pass a folder made by make-dataset.sh")
    rng = random.Random(args.seed)
    text = datagen.TextGenerator(random.Random(args.seed + 1), args.words_from)
    summary = {
        "seed": args.seed,
        "fraction": args.fraction,
        "small": mutate_small_files(os.path.join(root, "small"), args.fraction, rng, text),
        "system": mutate_system_files(os.path.join(root, "system"), args.fraction, rng),
        "large": mutate_large_files(os.path.join(root, "large"), args.fraction, rng, text),
    }
    if args.rewrite_mib:
        summary["rewritten_bytes"] = rewrite_large_file(
            os.path.join(root, "large"), args.rewrite_mib, rng)
    encoded = json.dumps(summary, indent=2)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            handle.write(encoded + "\n")
    else:
        print(encoded)


if __name__ == "__main__":
    main(sys.argv[1:])
