"""Small text helpers shared by the runtimes."""

from __future__ import annotations

import re

__all__ = ["encode_unicode_codepoints"]

_NON_ASCII = re.compile("[^\x00-\x7f]")


def encode_unicode_codepoints(text: str) -> str:
    r"""Replaces every non-ASCII character with a JS ``\uXXXX`` escape, for runtimes fed ASCII only.

    Astral characters are two UTF-16 escapes, which is how a JS string literal spells them.

    >>> encode_unicode_codepoints("a\u4e16") == "a\\u4e16"
    True
    >>> encode_unicode_codepoints("\U0001f600") == "\\ud83d\\ude00"
    True
    """

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group(0))
        if code > 0xFFFF:
            code -= 0x10000
            return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
        return f"\\u{code:04x}"

    return _NON_ASCII.sub(escape, text)
