"""Mojibake repair with ftfy, reported as edits the person can see and undo."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

import ftfy
from ftfy.badness import is_bad

from ..model import Edit

# Only repairs of mis-decoded text: curly quotes, ligatures, full-width letters
# and "&amp;" are the article's own characters and stay as they are.
_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    remove_control_chars=False,
    fix_line_breaks=False,  # newlines are normalised once, at load time
    normalization=None,     # NFC changes would shift offsets for no visible gain
    explain=True,
)


#: UTF-8 read as Latin-1/Windows-1252 leaves a lead letter (Â, Ã, â, Ð…) followed
#: by a continuation byte shown as a symbol; lines without such a pair cannot
#: hold that kind of mojibake, and ftfy's own check is too slow to run on all.
_LEADS = "\u00c2-\u00f4"
_CONTINUATIONS = (
    "".join(map(chr, range(0x80, 0xC0)))
    + "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    + "".join(map(chr, range(0x2018, 0x201F)))
    + "\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_SUSPECT = re.compile(f"[{_LEADS}][{re.escape(_CONTINUATIONS)}]|\ufffd")
#: The same pairs in the text's UTF-8 bytes, for the whole-text check: every
#: lead letter is encoded as 0xC3 and a byte, so the engine skips ahead to each
#: 0xC3 in C instead of testing a character class at every position (about
#: four times faster, encoding included).
_SUSPECT_BYTES = re.compile(
    b"\xc3[\x82-\xb4](?:"
    + b"|".join(re.escape(ch.encode("utf-8")) for ch in _CONTINUATIONS)
    + b")"
)


def _may_hold_mojibake(raw: str, utf8: bytes | None = None) -> bool:
    """Whether ``_SUSPECT`` matches anywhere in ``raw`` (the common answer: no).

    ``utf8`` is ``raw`` in UTF-8, if the caller has it.
    """
    if raw.isascii():
        return False
    if "\ufffd" in raw:  # (looked for in the text: one character, found with memchr)
        return True
    data = raw.encode("utf-8", "surrogatepass") if utf8 is None else utf8
    return _SUSPECT_BYTES.search(data) is not None


def find_edits(raw: str, excluded: Sequence[tuple[int, int]] = (),
               utf8: bytes | None = None) -> list[Edit]:
    """Repairs of mis-decoded text, one :class:`Edit` per changed stretch.

    ftfy works per line so that each repair has exact offsets; lines that are
    pure ASCII cannot hold mojibake and are skipped, which keeps this cheap.
    ``utf8`` is ``raw`` in UTF-8 if the caller has it (the detectors' view).
    """
    edits: list[Edit] = []
    if not _may_hold_mojibake(raw, utf8):
        return edits  # the common case: nothing mis-decoded anywhere
    pos = 0
    for line in raw.split("\n"):
        if not line.isascii() and _SUSPECT.search(line) and is_bad(line):
            fixed, explanation = ftfy.fix_and_explain(line, config=_CONFIG)
            if fixed != line:
                steps = ", ".join(step.parameter for step in (explanation or []))
                edits.extend(_diff_edits(line, fixed, pos, steps))
        pos += len(line) + 1
    return edits


def _diff_edits(before: str, after: str, offset: int, steps: str) -> list[Edit]:
    """Minimal edits turning ``before`` into ``after``.

    Common prefix and suffix are trimmed first; a character diff runs only on
    a bounded middle, so one huge line cannot make this quadratic.
    """
    head = 0
    limit = min(len(before), len(after))
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while (tail < limit - head and before[len(before) - 1 - tail] == after[len(after) - 1 - tail]):
        tail += 1
    b_mid, a_mid = before[head:len(before) - tail], after[head:len(after) - tail]
    if len(b_mid) + len(a_mid) > 4000:
        ops: Sequence[tuple[str, int, int, int, int]] = [("replace", 0, len(b_mid), 0, len(a_mid))]
    else:
        ops = difflib.SequenceMatcher(None, b_mid, a_mid, autojunk=False).get_opcodes()
    edits = []
    for op, i1, i2, j1, j2 in ops:
        if op == "equal":
            continue
        edits.append(Edit(
            start=offset + head + i1,
            end=offset + head + i2,
            replacement=a_mid[j1:j2],
            rule="mojibake.ftfy",
            reason=f"Repaired mis-decoded characters {b_mid[i1:i2][:40]!r} → "
                   f"{a_mid[j1:j2][:40]!r} (ftfy: {steps or 'fix'}).",
        ))
    return edits
