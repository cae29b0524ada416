"""Text normalisation for matching, with a map back to the original characters.

Quotes are always cut from the original text; matching runs on a normalised copy:
stray pinyin annotations removed (號(hào) -> 號), full-width forms folded (NFKC),
traditional characters turned simplified (OpenCC t2s) and whitespace dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import opencc

# A parenthesised run of pinyin letters straight after a Chinese character: 號(hào), 務(wù).
PINYIN_NOTE = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zA-Z\u00e0-\u01dc\u0300-\u036f]{1,8}\)")
# A Word bookmark a converter wrote into the text ([bookmark: _GoBack]): not the document's words.
BOOKMARK = re.compile(r"\[bookmark: ?[^\]]{0,40}\]")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional to simplified; falls back to per-character conversion if lengths differ."""
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_t2s().convert(ch) if len(_t2s().convert(ch)) == 1 else ch for ch in text)


@dataclass(frozen=True)
class Normalised:
    """Normalised text plus, for each of its characters, the offset of the original character."""

    text: str
    origin: tuple[int, ...]
    end: int  # offset just past the original span

    def span(self, start: int, stop: int) -> tuple[int, int]:
        """Original (start, end) offsets of normalised characters [start, stop)."""
        if start >= len(self.origin):
            return self.end, self.end
        begin = self.origin[start]
        finish = self.origin[stop - 1] + 1 if stop > start else begin
        return begin, finish


def normalise(text: str, offset: int = 0) -> Normalised:
    """Normalise ``text`` (which starts at ``offset`` in its document) for matching."""
    keep = [True] * len(text)
    for match in [*PINYIN_NOTE.finditer(text), *BOOKMARK.finditer(text)]:
        for i in range(match.start(), match.end()):
            keep[i] = False
    simplified = to_simplified(text)
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(simplified):
        if not keep[i] or ch.isspace():
            continue
        folded = unicodedata.normalize("NFKC", ch)
        for piece in folded:
            if piece.isspace():
                continue
            chars.append(piece)
            origin.append(offset + i)
    return Normalised("".join(chars), tuple(origin), offset + len(text))


def normalise_name(text: str) -> str:
    """Normalise a short name (region, indicator, unit) for dictionary lookup."""
    return normalise(str(text)).text
