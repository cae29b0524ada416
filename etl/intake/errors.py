"""The one error type of document intake: its message says which file and why, in plain words."""

from __future__ import annotations


class DocumentError(Exception):
    """A plan document that cannot be read or placed; the message names the file and the reason."""
