"""Reading inputs: paths, bytes or text, turned into one normalised string.

Newlines are normalised to ``\\n`` here, once, so that every offset in the
core counts the same characters the GUI shows.  :mod:`.records` turns files,
folders, JSONL/CSV exports and WARC crawls into a stream of documents.
"""

from __future__ import annotations

from .text import Loaded, decode_bytes, load, looks_like_html

__all__ = ["Loaded", "decode_bytes", "load", "looks_like_html"]
