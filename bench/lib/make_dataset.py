"""Generate the mixed benchmark dataset into an empty folder.

Layout of the output folder:
  system/<absolute source path>/...  real files of this machine, copied in sorted order
  large/random.bin                   incompressible bytes
  large/text.txt                     text-like bytes
  small/dNN/dNN/fNNNNNN.{txt,bin}    many small files, half text and half random

The description of what was written (counts and bytes per part, seed, settings) is
printed as JSON, or written to --json FILE, which must lie outside the dataset.
"""

import argparse
import json
import os
import random
import shutil
import sys

import datagen

MIB = 1 << 20
DEFAULT_SOURCES = [
    "/usr/share/doc",
    "/usr/lib/x86_64-linux-gnu",
    "/usr/share/perl",
    "/usr/lib/jvm",
    "/usr/share/locale",
]
FULL = {"system_mib": 1536, "random_mib": 1024, "text_mib": 512, "small_files": 200_000}
SMALL = {"system_mib": 16, "random_mib": 16, "text_mib": 12, "small_files": 2_000}
FILES_PER_FOLDER = 100
FOLDERS_PER_PARENT = 50


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True,
                        help="new folder for the dataset; an existing one must be empty")
    parser.add_argument("--small", action="store_true",
                        help="CI preset: about 48 MiB in total with 2,000 small files")
    parser.add_argument("--seed", type=int, default=1, help="seed of all generated content")
    parser.add_argument("--system-mib", type=int, help="MiB of real files to copy (default 1536)")
    parser.add_argument("--system-source", action="append",
                        help="folder to copy real files from, repeatable "
                             f"(default {' '.join(DEFAULT_SOURCES)})")
    parser.add_argument("--random-mib", type=int, help="MiB of large/random.bin (default 1024)")
    parser.add_argument("--text-mib", type=int, help="MiB of large/text.txt (default 512)")
    parser.add_argument("--small-files", type=int, help="number of small files (default 200000)")
    parser.add_argument("--small-max-bytes", type=int, default=4096,
                        help="largest size of a small file in bytes; sizes are uniform from 0")
    parser.add_argument("--words-from", default=datagen.DEFAULT_WORDS_FROM,
                        help="file or folder of plain text whose words make the text content")
    parser.add_argument("--json", help="write the description here instead of to stdout")
    args = parser.parse_args(argv)
    preset = SMALL if args.small else FULL
    for key, value in preset.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.system_source is None:
        args.system_source = DEFAULT_SOURCES
    return args


def prepare_output(out):
    if os.path.exists(out) and os.listdir(out):
        raise SystemExit(f"output folder '{out}' is not empty: pass a new folder to --out")
    os.makedirs(out, exist_ok=True)
    return os.path.realpath(out)


def copy_entry(source, target):
    """Copy one file or symbolic link with its mode and times; return bytes copied."""
    if os.path.islink(source):
        os.symlink(os.readlink(source), target)
        return 0
    shutil.copyfile(source, target)
    shutil.copystat(source, target)
    return os.path.getsize(target)


def copy_system_files(out, sources, limit, excluded):
    """Copy real files in sorted order until the next one would exceed limit bytes.

    Only regular files and symbolic links are copied; folders reached through a
    symbolic link are copied as the link. Unreadable files are skipped and counted.
    """
    stats = {"files": 0, "symlinks": 0, "bytes": 0, "skipped_unreadable": 0,
             "sources": [], "limit_bytes": limit}
    for source in sources:
        if not os.path.isdir(source):
            print(f"make-dataset: source '{source}' not found, skipped", file=sys.stderr)
            continue
        stats["sources"].append(source)
        if not copy_tree(source, os.path.join(out, "system"), limit, excluded, stats):
            break
    return stats


def copy_tree(source, system_root, limit, excluded, stats):
    """Copy source below system_root; return False once the limit is reached."""
    for folder, dirs, files in os.walk(source):
        dirs.sort()
        if any(folder == path or folder.startswith(path + os.sep) for path in excluded):
            dirs.clear()
            continue
        target_folder = system_root + folder
        os.makedirs(target_folder, exist_ok=True)
        links = [name for name in dirs if os.path.islink(os.path.join(folder, name))]
        dirs[:] = [name for name in dirs if name not in links]
        for name in sorted(files + links):
            path = os.path.join(folder, name)
            if not (os.path.islink(path) or os.path.isfile(path)):
                continue
            if not os.path.islink(path) and stats["bytes"] + os.path.getsize(path) > limit:
                return False
            try:
                copied = copy_entry(path, os.path.join(target_folder, name))
            except PermissionError:
                stats["skipped_unreadable"] += 1
                continue
            stats["bytes"] += copied
            stats["symlinks" if os.path.islink(path) else "files"] += 1
    return True


def write_large_files(out, args, rng, text):
    os.makedirs(os.path.join(out, "large"))
    random_size = args.random_mib * MIB
    text_size = args.text_mib * MIB
    datagen.write_random(os.path.join(out, "large", "random.bin"), rng, random_size)
    text.write(os.path.join(out, "large", "text.txt"), text_size)
    return {"random_bytes": random_size, "text_bytes": text_size}


def small_file_path(out, index, suffix):
    folder = index // FILES_PER_FOLDER
    parent = f"d{folder // FOLDERS_PER_PARENT:02d}"
    child = f"d{folder % FOLDERS_PER_PARENT:02d}"
    return os.path.join(out, "small", parent, child, f"f{index:06d}{suffix}")


def write_small_files(out, args, rng, text):
    """Write the small files: even indices get text, odd ones random bytes."""
    # Slices of one text pool are enough for files of a few KiB and far faster.
    pool = text.text(max(4 * MIB, 2 * args.small_max_bytes))
    total = 0
    for index in range(args.small_files):
        size = rng.randint(0, args.small_max_bytes)
        if index % 2 == 0:
            start = rng.randint(0, len(pool) - size)
            content, suffix = pool[start:start + size], ".txt"
        else:
            content, suffix = rng.randbytes(size), ".bin"
        path = small_file_path(out, index, suffix)
        if index % FILES_PER_FOLDER == 0:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(content)
        total += size
    return {"files": args.small_files, "bytes": total, "max_bytes": args.small_max_bytes}


def main(argv):
    args = parse_args(argv)
    out = prepare_output(args.out)
    rng = random.Random(args.seed)
    text = datagen.TextGenerator(random.Random(args.seed + 1), args.words_from)
    system = copy_system_files(out, args.system_source, args.system_mib * MIB, [out])
    large = write_large_files(out, args, rng, text)
    small = write_small_files(out, args, rng, text)
    description = {
        "path": out,
        "seed": args.seed,
        "preset": "small" if args.small else "full",
        "words_from": args.words_from,
        "system": system,
        "large": large,
        "small": small,
        "files": system["files"] + system["symlinks"] + 2 + small["files"],
        "bytes": system["bytes"] + large["random_bytes"] + large["text_bytes"] + small["bytes"],
    }
    encoded = json.dumps(description, indent=2)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            handle.write(encoded + "\n")
    else:
        print(encoded)


if __name__ == "__main__":
    main(sys.argv[1:])
