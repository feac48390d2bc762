"""Leaked script, JSON and CSS: recognised by the shape of code, not its words.

Machine translation turns ``for`` into ``pour`` and ``true`` into ``vrai``,
so keywords alone are weak evidence.  Braces, semicolons, assignments,
dotted calls and camelCase identifiers survive translation; a line dense in
them is code in any language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Category, Span
from . import Context, detector

_PUNCT = re.compile(r"[{};=]|\(\)|=>|&&|\|\||===?|!==?|\+\+|\"\s*[:,]\s*[\"{\[]")
#: A statement that opens like code and closes like code is code, however
#: much prose its string values hold (``var utag_data = {"page_title": …};``).
_CODE_LINE = re.compile(
    r"""^\s*(?:(?:var|let|const)\s+[\w$]+\s*=|(?:window|document)\.[\w$.]+\s*[=(]|
        [\w$.]+\s*=\s*[{\[(]|\{\s*"|\[\s*\{|\(function\b|function\s*[\w$]*\s*\().*
        [;})\]]\s*$""",
    re.VERBOSE | re.DOTALL,
)
#: Possessive repeats (``++``, ``*+``) only where giving characters back could
#: never lead to a match, no signal starting inside a word (``(?!\B\w)``), and
#: the signals that start with a word character tried only where one is
#: (``(?=[\w$])``): all spare the engine retries, and the matches are the
#: same (the URL is tried before the CSS rule, but both never match at once).
_SIGNALS = re.compile(
    r"""(?!\B\w)(?:(?=[\w$])(?:
      \b(?:function|var|let|const|return|typeof|undefined|null)\b\s*[\w$({]
    | \b[\w$]++\.[\w$]++(?:\.[\w$]++)*+\s*+\(      # dotted call: fjs.parentNode.insertBefore(
    | \b[a-z]++[A-Z][\w$]*\b                     # camelCase identifier
    | \b\w++\s*+\(\s*+\w++\s*+=\s*+\d++\s*+;        # for-loop header, in any language
    | \bhttps?://[^\s"']+\.(?:js|css|json)\b)      # script/style URL
    | "[\w@$-]+"\s*:\s*["{\[\d]                   # JSON member
    | (?:^|[\s;}])[.#]?[\w-]++\s*+\{[^{}]*:[^{}]*;  # CSS rule
    | </?(?:script|style|div|span|iframe)\b
    | \)\s*;                                      # end of a call statement
    )""",
    re.VERBOSE,
)
_WORD = re.compile(r"\w+")
_QUICK = re.compile(r"\b(?:window|document)\.|[;{}=]|\(\s*\)|=>|\bfunction\b|[\w$]\.[\w$]+\("
                    r"|\"\s*:|^\s*(?://|/\*|@)|\b(?:if|for|while|switch)\s*\(|^\s*[.#][\w-]"
                    r"|\$\(|^\s*</?[a-zA-Z]")
#: Openings that only code has: a declaration, a call on the page's global
#: objects, a comment, a CSS at-rule.  Prose never starts a line this way.
_STATEMENT = re.compile(
    r"""^\s*(?:(?:var|let|const)\s+[\w$]+\s*=|\(?\s*(?:window|document|console|navigator)\.[\w$]|
        //\s?\S|/\*|@(?:charset|media|import|font-face|keyframes|supports)\b|
        (?:if|for|while|switch)\s*\(.*\)\s*\{|
        (?:else\s+)?(?:if|for|while|switch|else|catch)\s*\(|(?:delete|typeof|throw|return)\s[^;]*;\s*$|
        [\w$]+\s*[+-]?=\s*[^=\s][^;]*;\s*$|                           # name = value;
        [!+~]?\(?\s*function\b|\$\(|                                  # !function(  /  $(
        [\w$]+(?:\.[\w$]+|\[[^\]]*\])+\s*=[^=]|                       # a.b = / a[b] =
        [\w$]+(?:\.[\w$]+)+\(|[\w$]+\([^()]*\)\.[\w$]+\()          # a.b.c(  /  jQuery(x).y(
    """,
    re.VERBOSE,
)
#: Two more openings, tried only on lines with the characters they need: a
#: selector opening its block (``.nav a { color:``; written without the
#: backtracking of ``[\w-]+[\w\s.#>:,\[\]=-]*\{``, which accepts the same lines)
#: and a CSS declaration with a unit, ``!important`` or a colour.
_SELECTOR_OPENING = re.compile(r"\s*[.#]?[\w-][\w\s.#>:,\[\]=-]*+\{\s*-?[\w-]+\s*:")
_DECLARATION_OPENING = re.compile(
    r"""\s*-?[a-z-]+\s*:\s*[^;]{0,200}(?:\d(?:px|em|rem|%|vh|vw)|!important|\#[0-9a-f]{3,6}\b)
        [^;]{0,200};""",
    re.VERBOSE,
)


def _opens_like_code(stripped: str) -> bool:
    """Whether the line opens as only code does (``_STATEMENT`` and the two CSS openings)."""
    return bool(_STATEMENT.match(stripped)
                or ("{" in stripped and _SELECTOR_OPENING.match(stripped))
                or (":" in stripped and ";" in stripped and _DECLARATION_OPENING.match(stripped)))


_SYNTAX = "{}[]();=:\"'"


def _syntax_dense(text: str) -> bool:
    """JSON and minified code: syntax characters are over an eighth of the text.

    Prose, even with quotes and a few brackets, stays far below that.
    """
    return sum(map(text.count, _SYNTAX)) >= 0.12 * len(text)  # str.count runs in C


#: The page's global objects, as code names them (never "window. Then" in prose).
#: (Each word's boundary is checked behind its first letter, so that every
#: branch opens with a literal and the engine skips ahead to those in C.)
_PAGE_OBJECT = re.compile(
    r"""w(?<=\bw)indow\.[\w$]|d(?<=\bd)ocument\.[\w$]|n(?<=\bn)avigator\.[\w$]
      |c(?<=\bc)onsole\.[\w$]|f(?<=\bf)unction\s*\(|\$\(\s*["']""",
    re.VERBOSE,
)
_OPERATOR = re.compile(r"[;{}]|\|\||&&|[^=!<>]=[^=]|===?")
#: A CSS rule: ``[\w\])*-]\s*\{[^{}]*:[^{}]*\}``, found from its braces (a literal,
#: which the engine skips to in C); what comes before the "{" is checked apart.
_CSS_BLOCK = re.compile(r"\{[^{}]*:[^{}]*\}")
_CSS_RULE_HEAD = re.compile(r"[\w\])*-]")
#: A line of HTML markup: the text layer of a page keeps templates and
#: ``<noscript>`` bodies as text ("<input type=\"text\" name=\"email\"/>").
_MARKUP_LINE = re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>")
#: HTML elements a style sheet's selector names after a class (".owl-nav span").
_TAGS = ("a", "p", "li", "ul", "ol", "h[1-6]", "img", "span", "div", "figure", "svg", "i",
         "b", "strong", "em", "table", "tr", "td", "th", "input", "button", "label", "nav",
         "section", "article", "header", "footer", "iframe", "video")
#: One line of a style sheet split over lines: a selector opening its block
#: (".box img {", "@media screen and (max-width: 600px) {") or a declaration
#: ("box-shadow:none;").  Prose never ends a line with "{", and a lower-case
#: hyphenated name, a colon, a short value and ";" is not how sentences look.
#: (The selector branch checks its "." or "#" before its look-ahead, which
#: would otherwise read a long line of JSON to its end for nothing.)
_CSS_LINE = re.compile(
    r"""[.#@]?[\w-][\w\s>+~.#:,\[\]="'()*-]*+\{  # (what [\w-]+[...]*\{ accepts, without retries)
      | [*-]?[a-z][a-z-]*\s*:\s*[^;{}\s][^;{}]{0,80};
      | (?=[.#])(?=.*\.(?:[a-z_-]|[A-Za-z]\w*[-_]))[.#][\w-]+(?:[\s>+~]*[.#:][\w-]+|[\s>+~]+(?:"""
    + "|".join(_TAGS) + r""")\b)*,?        # .owl-nav span / #a .b .c / .x:hover""",
    re.VERBOSE,
)
#: What closes a statement or a block of code.
_CODE_CLOSERS = (";", "}", ")", "]")
#: Where code begins inside a line that starts with prose.
#: (Only where the match starts counts.  The openings that start with a name
#: are tried only where one can start leftmost: not right after a letter or
#: digit, where the name would have started earlier; and possessive repeats
#: spare retries that cannot succeed.  Where matches start is unchanged.)
_CODE_START = re.compile(
    r"""(?<!\w)(?=[\w$.])(?:\b(?:var|let|const)\s|\bwindow\.|\bdocument\.
        |[\w$.]++\s*+=\s*+(?:function|\{|\[|new\b|\(|['"])|[\w$]++(?:\.[\w$]++)++\s*+\()
      |\(?\s*function\b|\{\s*"
    """,
    re.VERBOSE,
)


#: Long lines are judged on a sample of their start and end: a 300 kB
#: minified bundle does not need to be read whole to be recognised.
_SAMPLE = 3000


#: Substrings every ``_PAGE_OBJECT`` match holds, tested in C first.
_PAGE_OBJECT_WORDS = ("window.", "document.", "navigator.", "console.", "function", "$(")


def _mentions_page_object(text: str) -> bool:
    return any(map(text.__contains__, _PAGE_OBJECT_WORDS)) and bool(_PAGE_OBJECT.search(text))


def _has_css_rule(text: str) -> bool:
    """Whether a CSS rule is in ``text``: a block holding a ":" and no other
    brace, after a name, "]", ")", "*" or "-" (white space between allowed)."""
    for block in _CSS_BLOCK.finditer(text):
        before = block.start() - 1
        while before >= 0 and text[before].isspace():
            before -= 1
        if before >= 0 and _CSS_RULE_HEAD.match(text[before]):
            return True
    return False


def _css_like(stripped: str) -> bool:
    """A CSS rule in the line, or a line of a style sheet (``_CSS_LINE``).

    A rule needs a "{"; a line of a style sheet a "{", a ":" and a ";", or
    a "." or "#" in front: lines without them skip the regular expressions.
    """
    sample = stripped[:_SAMPLE]
    if "{" in sample and _has_css_rule(sample):
        return True
    if not ("{" in stripped or (":" in stripped and ";" in stripped) or stripped[:1] in (".", "#")):
        return False
    return _CSS_LINE.fullmatch(stripped) is not None


def code_score(text: str) -> float:
    """Code evidence per word: about 0 for prose, above 0.5 for script."""
    return _code_score(text, 0.0)


#: Every match of ``_SIGNALS`` holds one of these, or an ASCII lower-case
#: letter followed by an upper-case one (a camelCase identifier, "getItem"):
#: a keyword, a parenthesis, a quote, a brace, a URL's "://" or a tag's "<".
_SIGNAL_MARKS = ("function", "var", "let", "const", "return", "typeof", "undefined", "null",
                 "(", ")", '"', "{", "://", "<")
#: ASCII lower-case letters to "a", upper-case ones to "A", every other byte to a space.
_LETTER_CASES = bytes(0x61 if 0x61 <= b <= 0x7A else 0x41 if 0x41 <= b <= 0x5A else 0x20
                      for b in range(256))


def _signals_at_most(text: str) -> int:
    """An upper bound on ``len(_SIGNALS.findall(text))``, counted in C.

    Matches do not overlap and each holds a mark of its own, so there are
    no more matches than marks.  Prose has capitals after spaces, seldom
    after a lower-case letter, so the camelCase mark ("aA") keeps the bound
    low enough on prose to spare counting the signals themselves.
    """
    humps = text.encode("utf-8", "surrogatepass").translate(_LETTER_CASES).count(b"aA")
    return humps + sum(map(text.count, _SIGNAL_MARKS))


def _code_score(text: str, floor: float) -> float:
    """:func:`code_score`, or 0.0 when the score cannot reach ``floor``.

    Counting ``_SIGNALS`` is the costly part; when even the bound of
    :func:`_signals_at_most` leaves the score below ``floor`` (most prose
    lines with a semicolon or an "="), it is skipped.
    """
    if len(text) > _SAMPLE:
        text = text[: _SAMPLE - 500] + " " + text[-500:]
    words = len(_WORD.findall(text)) or 1
    punct = len(_PUNCT.findall(text))
    braces = text.count("{") + text.count("}")
    # The bound is only worth counting when the score without signals is
    # still below the floor (on long minified code it seldom is).
    if (floor and (punct + braces) / words < floor
            and (punct + 2 * _signals_at_most(text) + braces) / words < floor):
        return 0.0
    signals = len(_SIGNALS.findall(text))
    return (punct + 2 * signals + braces) / words


def is_code(text: str, markup: bool = True) -> tuple[bool, float]:
    """Whether a line is code, and how sure that is.

    ``markup``: whether a line of HTML tags counts as code.  In a text dump
    it is a leaked template; in HTML mode the page's markup is already
    parsed away, and tags left in the text are what the page shows (a
    tutorial's example), so they are not.
    """
    if not _QUICK.search(text):
        return False, 0.0  # nothing code-like at all: skip the costly part
    return _judge(text, markup)


def _judge(text: str, markup: bool) -> tuple[bool, float]:
    """:func:`is_code` for a line known to have a mark of code (``_QUICK`` matches)."""
    stripped = text.strip()
    if len(stripped) < 3:
        return False, 0.0
    if _opens_like_code(stripped) or (_mentions_page_object(stripped)
                                      and _OPERATOR.search(stripped)):
        return True, 0.9
    # A score below 0.3 makes every later test on it fail too, so one that
    # only tells that (0.0 from _code_score) can be reused below.
    score: float | None = None
    if _CODE_LINE.match(stripped[:200] + stripped[-200:]):
        score = _code_score(stripped, 0.3)
        if score >= 0.3:
            return True, 0.9
    if _css_like(stripped):
        return True, 0.9
    if markup and _MARKUP_LINE.match(stripped):
        return True, 0.9
    if len(stripped) > 200 and _syntax_dense(stripped[:_SAMPLE]):
        return True, 0.85
    strong = stripped.count(";") + stripped.count("{") + stripped.count("}")
    if not strong and len(stripped) < 8:
        return False, 0.0
    if score is None:
        # Below 0.6 (with a ";", "{" or "}") or 1.2 (without) the line is not code.
        score = _code_score(stripped, 0.6 if strong else 1.2)
    if score >= 0.6 and strong >= 1:
        return True, 0.95 if score >= 1.0 or strong >= 3 else 0.85
    if score >= 1.2 and len(stripped) >= 8:
        return True, 0.8
    return False, 0.0


_FRAGMENT = re.compile(
    r"""[\s{}()\[\];,.:'"=<>!&|+-]*            # }); and the like
      | [\w$]+(?:\.[\w$]+)*[.(,]?               # googletag.  /  init(
      | [\w$"']+\s*:\s*.{0,80}?,?               # adServer: "googletag",
    """,
    re.VERBOSE,
)


def _is_code_fragment(text: str) -> bool:
    """Lines such as ``});``, ``googletag.`` or ``key: "value",`` that are code
    only next to code; a run of code lines takes them in."""
    stripped = text.strip()
    return bool(stripped) and len(stripped) <= 100 and bool(_FRAGMENT.fullmatch(stripped))


@detector("script")
def detect_script(ctx: Context) -> Iterator[Span]:
    runs = _code_runs(ctx)
    for first, last, confidence in runs:
        start, end = _trim_line_edges(ctx, first, last)
        if end <= start:
            continue
        yield Span(
            start=start,
            end=end,
            category=_category(ctx.raw[start:min(end, start + _SAMPLE)]),  # all it reads
            rule="script.shape",
            reason="Leaked page code: dense in braces, semicolons, assignments and calls.",
            detector="script",
            confidence=confidence,
        )


_GLOBAL_DOT = re.compile(r"\b(?:window|document)\.")
_FUNCTION = re.compile(r"\bfunction\b")
_EMPTY_CALL = re.compile(r"\(\s*\)")
#: ``(?<=[\w$])\.[\w$]+\(`` with the look-behind after the dot: a pattern that
#: opens with a literal lets the engine skip from dot to dot in C.
_METHOD_CALL = re.compile(r"\.(?<=[\w$]\.)[\w$]+\(")
_KEY = re.compile(r"\"\s*:")
#: ``\b(?:if|for|while|switch)\s*\(`` spelled backwards, to be searched in the
#: reversed line: opening with the literal "(" lets the engine skip from
#: parenthesis to parenthesis in C instead of trying four words at every
#: position (``\b`` is the same boundary read either way).
_CONTROL_REVERSED = re.compile(r"\(\s*(?:fi|rof|elihw|hctiws)\b")
_SELECTOR_HEAD = re.compile(r"[.#][\w-]")
_TAG_HEAD = re.compile(r"</?[a-zA-Z]")


def _maybe_code(text: str) -> bool:
    """Whether a line has any mark of code (``_QUICK``), checked piece by piece.

    ``_QUICK`` as one alternation is tried at every position of every long
    prose line; each piece alone starts with a literal or is a substring
    test, which the engine and ``str`` search in C at memory speed.
    """
    if ";" in text or "{" in text or "=" in text:
        return True
    opens = "(" in text
    head = text.lstrip()
    if not (opens or "/" in text or "@" in text or '"' in text or "window." in text
            or "document." in text or head[:1] in (".", "#", "<")):
        return False
    if "}" in text:
        return True
    if opens and (_EMPTY_CALL.search(text) or _METHOD_CALL.search(text)):
        return True
    if ("window." in text or "document." in text) and _GLOBAL_DOT.search(text):
        return True
    if "function" in text and _FUNCTION.search(text):
        return True
    if opens and ("$(" in text or _CONTROL_REVERSED.search(text[::-1])):
        return True
    if '"' in text and _KEY.search(text):
        return True
    return (head.startswith(("//", "/*", "@")) or _SELECTOR_HEAD.match(head) is not None
            or _TAG_HEAD.match(head) is not None)


#: Every byte but a newline and the characters one of which any line that
#: ``_maybe_code`` accepts holds (bar "window.", "document." and the openings
#: ``_candidate_lines`` adds).
_UNMARKED = bytes(b for b in range(256) if b not in b'\n;{=(/@"')
_MARKED_LINE = re.compile(rb"[^\n]+")
#: A line that opens with ``.``, ``#`` or ``<`` and that ``_maybe_code`` may
#: accept without any of the marks above: it opens like a selector or a tag,
#: or holds a "}" or the word "function" (a Markdown heading, "## News", does
#: neither).  Searched from the newline before the line, so that the engine
#: skips from newline to newline in C; the first line is matched on its own.
#: (The rest of the line is read in runs of characters that are neither "}"
#: nor "f", stopping at a "}" or an "f" that opens the word "function": a
#: scan with no retries, as fast as looking for the opening alone.)
_MARK_HEAD = re.compile(
    r"""\n[^\S\n]*+[.#<](?:(?<=[.#])[\w-]|(?<=<)/?[a-zA-Z]
      |[^\n}f]*+(?:f(?:(?<!\bf)|(?!unction\b))[^\n}f]*+)*+[}f])""",
    re.VERBOSE,
)
_FIRST_MARK_HEAD = re.compile(_MARK_HEAD.pattern[2:], re.VERBOSE)


def _occurrences(data: bytes, word: bytes) -> list[int]:
    """Where ``word`` occurs in ``data`` (as ``re.finditer`` finds it: without overlaps)."""
    found = []
    at = data.find(word)
    while at >= 0:
        found.append(at)
        at = data.find(word, at + len(word))
    return found


def _candidate_lines(raw: str, utf8: bytes | None = None) -> list[int]:
    """Numbers of the lines ``_maybe_code`` may accept, in order.

    Most lines of a page hold none of ``;{=(/@"`` and do not start like a
    selector or tag; deleting every other byte leaves one short run per line
    that does, so the lines are found without a Python loop over all of them.
    """
    found: set[int] = set()
    data = raw.encode("utf-8", "surrogatepass") if utf8 is None else utf8  # raw in UTF-8
    marks = data.translate(None, _UNMARKED)
    number = pos = 0
    for marked in _MARKED_LINE.finditer(marks):
        number += marks.count(b"\n", pos, marked.start())
        pos = marked.start()
        found.add(number)
    # "window." and "document." mark a line too (seldom seen: found with
    # ``bytes.find``, which skips ahead in C).
    number = pos = 0
    for at in sorted(_occurrences(data, b"window.") + _occurrences(data, b"document.")):
        number += data.count(b"\n", pos, at)
        pos = at
        found.add(number)
    if _FIRST_MARK_HEAD.match(raw):
        found.add(0)
    number, pos = 1, 0  # a match starts at the newline before its line
    for match in _MARK_HEAD.finditer(raw):
        number += raw.count("\n", pos, match.start())
        pos = match.start()
        found.add(number)
    return sorted(found)


def code_lines(ctx: Context) -> list[tuple[bool, float]]:
    """Whether each line of the text is code, with a confidence; computed once.

    ``ctx.cache["code_line_numbers"]`` then holds the numbers of the code
    lines, for detectors that only need those.
    """
    flags = ctx.cache.get("code_lines")
    if flags is None:
        no = (False, 0.0)
        markup = ctx.kind != "html"
        texts = ctx.line_texts
        flags = [no] * len(texts)
        numbers = []
        for number in _candidate_lines(ctx.raw, ctx.utf8):
            text = texts[number]
            if _maybe_code(text):  # which implies that _QUICK matches
                flags[number] = verdict = _judge(text, markup)
                if verdict[0]:
                    numbers.append(number)
        ctx.cache["code_lines"] = flags
        ctx.cache["code_line_numbers"] = numbers
    return flags  # type: ignore[return-value]


def code_line_numbers(ctx: Context) -> list[int]:
    """The numbers of the lines :func:`code_lines` finds code, in order."""
    flags = code_lines(ctx)
    numbers = ctx.cache.get("code_line_numbers")
    if numbers is None:  # flags cached by other means: derive the numbers once
        numbers = ctx.cache["code_line_numbers"] = [n for n, (code, _) in enumerate(flags) if code]
    return numbers  # type: ignore[return-value]


def _code_runs(ctx: Context) -> list[tuple[int, int, float]]:
    """Maximal runs of code lines; blank and bracket-only lines join them.

    Only the lines after each code line are looked at (up to the first line
    of prose), not every line of the text.
    """
    runs: list[tuple[int, int, float]] = []
    texts, sizes = ctx.line_texts, ctx.line_sizes
    flags = code_lines(ctx)
    after = -1  # lines before this one are already in a run
    for first in code_line_numbers(ctx):
        if first < after:
            continue
        last, best = first, flags[first][1]
        number = first + 1
        while number < len(texts):
            code, confidence = flags[number]
            if code:
                last, best = number, max(best, confidence)
            elif sizes[number]:  # not blank
                if not _is_code_fragment(texts[number]):
                    break
                last = number
            number += 1
        after = number
        runs.append((first, last, best))
    return [(_back_over_fragments(texts, sizes, first), last, conf) for first, last, conf in runs]


def _back_over_fragments(texts: list[str], sizes: list[int], first: int) -> int:
    """The first line of a run that starts at line ``first``, taking in the
    code fragments just before it (``sizes[i] == 0``: line ``i`` is blank)
    but no blank lines at its head."""
    i = first - 1
    while i >= 0 and (not sizes[i] or _is_code_fragment(texts[i])):
        i -= 1
    i += 1
    while i < first and not sizes[i]:
        i += 1
    return i


def _trim_line_edges(ctx: Context, first: int, last: int) -> tuple[int, int]:
    """Offsets of a run of lines ``first`` to ``last``, keeping out prose that
    shares the first or last line with the code."""
    head_start = ctx.line_starts[first]
    start = head_start
    head = ctx.line_texts[first]
    match = _CODE_START.search(head)
    prose = head[: match.start()] if match else ""
    if (match and prose[-1:].isspace() and len(prose.split()) >= 3
            and prose.rstrip().endswith((".", "!", "?", "»", "”", '"'))):
        start = head_start + match.start()
    tail_start = ctx.line_starts[last]
    tail = ctx.line_texts[last]
    end = tail_start + len(tail)  # the last line's end, before its newline
    close = max(tail.rfind(closer) for closer in _CODE_CLOSERS) + 1  # just after the last
    if close:
        after = tail[close:]
        if len(after.split()) >= 2 and _WORD.search(after) and code_score(after) < 0.3:
            end = tail_start + close
    return start, end


#: A CSS declaration (``color: red;``), as ``[\w-]+\s*:\s*[^;{}]+;`` finds them,
#: without the retries that made long script slow to categorise: a match can
#: only start where a run of name characters starts, and the value runs to
#: the next ";", "{" or "}".  Where that is not a ";" no declaration can start
#: before it either, so the stretch is consumed as a match that does not
#: count (the group is empty) instead of being tried again from each position.
_CSS_DECLARATION = re.compile(r"(?<![\w-])[\w-]++\s*+:[^;{}]++(;?)")
#: ``\bfunction\b|=>|\bvar\b|\bwindow\.|\bdocument\.`` with each word's boundary
#: checked behind its first letter: every branch then opens with a literal, and
#: the engine skips to those letters in C instead of trying five branches at
#: every position (ten times faster on long script).
_JS_WORD = re.compile(r"f(?<=\bf)unction\b|=>|v(?<=\bv)ar\b|w(?<=\bw)indow\.|d(?<=\bd)ocument\.")


def _category(text: str) -> Category:
    text = text[:_SAMPLE]
    if "{" not in text or text.count(";") <= 2:
        # No style sheet without a block, nor with two declarations at most
        # (each counted declaration ends with its own ";").
        return Category.SCRIPT
    css = _CSS_DECLARATION.findall(text).count(";")
    if css <= 2:
        return Category.SCRIPT  # cannot outnumber twice the (at least one) script marks
    js = len(_JS_WORD.findall(text))
    return Category.STYLE if css > 2 * max(js, 1) else Category.SCRIPT
