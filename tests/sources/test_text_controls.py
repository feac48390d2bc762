"""The control-character check reads the UTF-8 form at hand, as it would the sample."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspector.errors import InputError
from inspector.sources.text import _CONTROLS, _SAMPLE, _check_text, load


def _refused_by_plain_scan(text: str) -> bool:
    """The plain check: count the control characters of the sample, one by one."""
    sample = text[:_SAMPLE]
    controls = sum(ch.isascii() and ord(ch) in _CONTROLS for ch in sample)
    return controls > max(8, len(sample) // 50)


def _refused(text: str, encoded: bytes | None) -> bool:
    try:
        _check_text(text, "<test>", encoded)
    except InputError:
        return True
    return False


_PIECES = st.sampled_from(["a", "é", "€", "😀", "\x00", "\x07", "\x1b", "\n", " ", "\t",
                           "word ", "ü" * 30, "\x01\x02"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=60), st.integers(0, 8))
def test_the_check_refuses_what_a_plain_scan_refuses(pieces, scale):
    # Scaled up so that the text crosses the sample's end and the byte window's.
    text = "".join(pieces) * (1 + scale * 700)
    if text.isspace():
        return
    expected = _refused_by_plain_scan(text)
    assert _refused(text, None) == expected
    assert _refused(text, text.encode("utf-8", "surrogatepass")) == expected


def test_controls_past_the_sample_do_not_count():
    text = "é" * _SAMPLE + "\x00" * 5000
    assert not _refused(text, text.encode())
    with pytest.raises(InputError):
        load(("\x00" * 5000 + "é" * _SAMPLE).encode(), kind="text")
    load(text.encode(), kind="text")
    load(text, kind="text")
