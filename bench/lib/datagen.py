"""Seeded generators of file content for the benchmark dataset.

Two kinds of content: incompressible bytes from a seeded Mersenne Twister, and
text-like bytes made of words drawn with their real frequencies from a corpus of
plain-text files (by default the licence texts that Debian's base-files package
installs). The same seed and the same corpus give the same bytes.
"""

import collections
import os
import random

DEFAULT_WORDS_FROM = "/usr/share/common-licenses"
BLOCK = 1 << 20
# Roughly one line break per dozen words, as in prose wrapped at 80 columns.
WORDS_PER_LINE = 12
# Uniform 16-bit values index this table, so a token's share of it is its weight.
TABLE_SIZE = 1 << 16


def write_random(path: str, rng: random.Random, size: int) -> None:
    with open(path, "wb") as out:
        while size > 0:
            step = min(size, BLOCK)
            out.write(rng.randbytes(step))
            size -= step


def read_corpus_tokens(source: str) -> list:
    """Split every regular file under source (a file or a folder) into words.

    Symbolic links are skipped, so a licence reached by two names counts once.
    """
    if os.path.isfile(source):
        paths = [source]
    elif os.path.isdir(source):
        paths = []
        for folder, dirs, files in os.walk(source):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(folder, name)
                if not os.path.islink(path):
                    paths.append(path)
    else:
        raise SystemExit(f"word corpus '{source}' not found: pass --words-from FILE_OR_FOLDER")
    tokens = []
    for path in paths:
        with open(path, "rb") as handle:
            tokens.extend(handle.read().split())
    if len(tokens) < 1000:
        raise SystemExit(
            f"word corpus '{source}' has only {len(tokens)} words: "
            "pass --words-from with at least 1,000 words of text")
    return tokens


class TextGenerator:
    """Produces text-like bytes: corpus words in random order with their real frequencies."""

    def __init__(self, rng: random.Random, words_from: str = DEFAULT_WORDS_FROM):
        self.rng = rng
        self.table = self._build_table(read_corpus_tokens(words_from))

    @staticmethod
    def _build_table(tokens: list) -> list:
        counts = collections.Counter(tokens)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        weighted = [(word + b" ", count) for word, count in ranked]
        weighted.append((b"\n", max(1, len(tokens) // WORDS_PER_LINE)))
        total = sum(count for _, count in weighted)
        table = []
        for word, count in weighted:
            # Rare words may get no slot; the frequent ones carry the statistics of text.
            slots = round(count * TABLE_SIZE / total)
            table.extend([word] * slots)
        table = table[:TABLE_SIZE]
        while len(table) < TABLE_SIZE:
            table.append(weighted[0][0])
        return table

    def text(self, size: int) -> bytes:
        """Return exactly size bytes of text."""
        parts = []
        produced = 0
        while produced < size:
            # A token averages about 5 bytes, so size // 4 indices usually fill the
            # block at once; the loop makes up any shortfall.
            count = min(BLOCK, size - produced) // 4 + 16
            indices = memoryview(self.rng.randbytes(count * 2)).cast("H")
            table = self.table
            block = b"".join([table[index] for index in indices])
            parts.append(block)
            produced += len(block)
        return b"".join(parts)[:size]

    def write(self, path: str, size: int) -> None:
        with open(path, "wb") as out:
            remaining = size
            while remaining > 0:
                block = self.text(min(remaining, 4 * BLOCK))
                out.write(block)
                remaining -= len(block)
