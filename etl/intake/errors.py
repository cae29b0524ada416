"""The one error type of document intake: its message says which file and why, in plain words,
in Chinese and in English (the page shows the interface language; the command line both)."""

from __future__ import annotations


class DocumentError(Exception):
    """A plan document that cannot be read or placed; the message names the file and the reason."""

    def __init__(self, en: str, zh: str = "") -> None:
        super().__init__(en)
        self.en, self.zh = en, zh or en

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en
