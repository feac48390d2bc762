"""The review report: self-contained HTML showing every span, decision and the cleaned text."""

from __future__ import annotations

from lxml import html as lxml_html

import inspector
from inspector.cli import main
from inspector.report import render


def test_report_shows_every_span_and_the_persons_decisions(fixtures):
    doc = inspector.inspect(fixtures / "fr-summit-scrape.txt")
    caption = next(s for s in doc.spans if s.rule == "caption.credit")
    doc.toggle(caption.id)
    page = lxml_html.fromstring(render([("fr-summit-scrape.txt", doc)]))
    marked = page.xpath('//pre[@class="raw"]/span[contains(@class, "span")]')
    assert len(marked) == len(doc.spans)
    assert len([m for m in marked if "removed" in m.get("class")]) == sum(
        1 for s in doc.spans if s.removed)
    kept = [m for m in marked if "kept" in m.get("class")]
    assert len(kept) == 1 and "user" in kept[0].get("class")
    assert "(by the person)" in kept[0].get("title")
    cleaned = page.xpath('//pre[@class="cleaned"]')[0].text_content()
    assert cleaned == doc.cleaned
    assert "Lien source" not in cleaned and "(Photo : AP)" in cleaned


def test_report_is_self_contained():
    doc = inspector.inspect("A short article about the council's budget vote on Tuesday.")
    text = render([("x", doc)])
    page = lxml_html.fromstring(text)
    assert not page.xpath("//script|//link|//img|//iframe|//*[@src]")
    assert "http://" not in text and "https://" not in text
    assert "@media print" in text


def test_report_cli_uses_saved_decisions(tmp_path, fixtures, capsys):
    from inspector.store import default_paths_for, save

    src = tmp_path / "scrape.txt"
    src.write_bytes((fixtures / "fr-summit-scrape.txt").read_bytes())
    doc = inspector.inspect(src)
    doc.toggle(doc.spans[0].id)
    save(doc, *default_paths_for(src))  # as the GUI saves: beside the input
    out = tmp_path / "report.html"
    assert main(["report", str(src), "--out", str(out)]) == 0
    page = lxml_html.fromstring(out.read_text(encoding="utf-8"))
    assert page.xpath('//span[contains(@class, "user")]')
    assert main(["report", str(src), "--out", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err


def _chromium() -> str | None:
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_report_in_a_real_browser(tmp_path, fixtures):
    """Headless Chromium renders the report: the spans, the legend and the cleaned text show."""
    import subprocess

    import pytest

    browser = _chromium()
    if browser is None:
        pytest.skip("no Chromium on this machine (make test installs it where apt-get works)")
    doc = inspector.inspect(fixtures / "fr-summit-scrape.txt")
    report = tmp_path / "report.html"
    report.write_text(render([("fr-summit-scrape.txt", doc)]), encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    shot = tmp_path / "report.png"
    dom = subprocess.run([browser, *flags, "--dump-dom", report.as_uri()],
                         capture_output=True, text=True, timeout=120)
    subprocess.run([browser, *flags, "--window-size=1200,900", f"--screenshot={shot}",
                    report.as_uri()], capture_output=True, timeout=120)
    page = lxml_html.fromstring(dom.stdout)
    shown = page.text_content()
    assert "Raw, with every span" in shown and "Cleaned" in shown
    removed = page.xpath('//pre[@class="raw"]/span[contains(@class, "removed")]')
    assert len(removed) == sum(1 for s in doc.spans if s.removed)
    assert "Kim Jong-un a déclaré à Vladimir Poutine" in page.xpath(
        '//pre[@class="cleaned"]')[0].text_content()
    assert shot.exists() and shot.stat().st_size > 10_000
