"""The HTML report as a reader sees it: in real Chromium, on a laptop, a phone and on paper.

Debian's ``chromium``, driven by Playwright with ``executable_path`` (Playwright's own
browser download does not work everywhere). ``.ci/run`` installs Chromium when it is
missing; these tests skip, saying why, only where it is not there. axe-core (npm) is
injected by the test into the page it checks; the report never carries it.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, REPO

from orgcheck.doors.main import main

A4_POINTS = (595.28, 841.89)
AXE_DIR = REPO / ".venv" / "axe-core"  # installed on first use, never shipped
AXE_VERSION = "4.10"


def chromium_path() -> str | None:
    return os.environ.get("ORGCHECK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("Chromium is not installed (apt-get install -y chromium; .ci/run installs it)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')"
    )
    with sync_api.sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


# Free text that tries to become markup, and a name no phone is wide enough for.
HOSTILE = {
    "organisation: Beispiel GmbH": 'organisation: "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenkasse '
    '<script>alert(1)</script> https://evil.example/averyveryverylongpathwithoutanybreak"',
    "respondent: Leitung Marketing": "respondent: '<img src=x onerror=alert(1)> <style>body{display:none}</style>'",
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """Every example's HTML report in both languages, and one with hostile free text, as the command line writes them."""
    folder = tmp_path_factory.mktemp("html")
    hostile = folder / "hostile.yaml"
    text = (EXAMPLES / "beispiel-gmbh.yaml").read_text(encoding="utf-8")
    for plain, attack in HOSTILE.items():
        assert plain in text
        text = text.replace(plain, attack)
    hostile.write_text(text, encoding="utf-8")
    written = {}
    for answers in [*sorted(EXAMPLES.glob("*.yaml")), hostile]:
        for language in ("de", "en"):
            target = folder / f"{answers.stem}.{language}.html"
            assert main(["--answers", str(answers), "--lang", language, "-o", str(target)]) == 0
            written[target.stem] = target
    return written


EXAMPLE_PAGES = [
    f"{answers.stem}.{language}" for answers in sorted(EXAMPLES.glob("*.yaml")) for language in ("de", "en")
]
PAGES = [*EXAMPLE_PAGES, "hostile.en"]


def opened(browser: Any, path: Path, *, width: int = 1280, bypass_csp: bool = False) -> tuple[Any, list[str]]:
    """The page loaded at ``width`` pixels, and every problem the browser reported on the way."""
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=bypass_csp)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "request",
        lambda request: problems.append(f"request: {request.url}") if request.url != path.as_uri() else None,
    )
    page.route(re.compile(r"^(?!file:).*"), lambda route: route.abort())  # nothing leaves the machine
    page.goto(path.as_uri())
    return page, problems


@pytest.mark.parametrize("name", PAGES)
def test_the_page_loads_nothing_and_reports_no_error(browser, pages, name):
    page, problems = opened(browser, pages[name])
    page.wait_for_load_state("networkidle")
    assert problems == []
    assert page.evaluate("document.documentElement.lang") == name.rsplit(".", 1)[1]
    assert page.evaluate("document.querySelectorAll('script, img, body style').length") == 0
    assert page.is_visible("main")
    page.context.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", PAGES)
def test_the_page_fits_a_laptop_and_a_phone(browser, pages, name, width, tmp_path):
    """Nothing sticks out sideways, every bar draws, and the screenshot is the page's width.

    Set ORGCHECK_SCREENSHOTS to a folder to keep the full-page screenshots and look at them.
    """
    page, _ = opened(browser, pages[name], width=width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    sticking_out = page.evaluate(
        """w => [...document.querySelectorAll('body *')]
               .filter(e => e.getBoundingClientRect().right > w + 0.5)
               .map(e => e.tagName + '.' + e.className)""",
        width,
    )
    assert sticking_out == []
    bars = page.evaluate(
        "[...document.querySelectorAll('svg.bar')].map(b => [b.getBoundingClientRect().width, b.getBoundingClientRect().height])"
    )
    assert len(bars) >= 4 + 6 + 6 + 7
    assert all(w >= 40 and h >= 8 for w, h in bars), bars
    folder = Path(os.environ.get("ORGCHECK_SCREENSHOTS") or tmp_path)
    shot = folder / f"{name}-{width}.png"
    page.screenshot(path=str(shot), full_page=bool(os.environ.get("ORGCHECK_SCREENSHOTS")))
    assert _png_size(shot.read_bytes())[0] == width
    page.context.close()


@pytest.mark.parametrize("name", EXAMPLE_PAGES)
def test_printing_gives_a4_pages_with_no_chart_cut_in_half(browser, pages, name):
    pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed (pip install -e '.[test]')")
    page, _ = opened(browser, pages[name])
    charts = page.evaluate(
        """[...document.querySelectorAll('figure.chart')].map(f => ({
               caption: f.querySelector('figcaption').textContent,
               rows: [...f.querySelectorAll('.chart-row')].map(r => r.querySelector('.chart-label').textContent)}))"""
    )
    gauge_hint = page.evaluate("document.querySelector('.score-card .hint').textContent")
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    page.context.close()
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf.pages}
    assert all(abs(w - A4_POINTS[0]) <= 1 and abs(h - A4_POINTS[1]) <= 1 for w, h in sizes), sizes
    texts = [" ".join(p.extract_text().split()) for p in pdf.pages]
    assert len(texts) >= 5
    assert len(charts) == 2
    for chart in charts:
        caption = " ".join(chart["caption"].split())[:50]
        on = [i for i, text in enumerate(texts) if caption in text]
        assert len(on) == 1, caption
        page_text = texts[on[0]][texts[on[0]].index(caption) :]
        for label in chart["rows"]:
            assert " ".join(label.split()) in page_text, (caption, label, on)
    # The gauge and what it says stand on the first page.
    assert " ".join(gauge_hint.split())[:40] in texts[0]


@pytest.fixture(scope="module")
def axe_source() -> str:
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("axe-core is not installed and npm is not there to install it")
        result = subprocess.run(
            [
                npm,
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(AXE_DIR),
                f"axe-core@{AXE_VERSION}",
            ],
            capture_output=True,
            timeout=300,
        )
        if result.returncode != 0 or not script.exists():
            pytest.skip(f"axe-core could not be installed with npm: {result.stderr.decode()[-300:]}")
    return script.read_text(encoding="utf-8")


# Every page as on a laptop; the phone layout (tables as stacked cards) for one page in each language.
AXE_CASES = [(name, 1280) for name in EXAMPLE_PAGES] + [
    ("beispiel-gmbh.de", 390),
    ("northwind-studio.en", 390),
]


@pytest.mark.parametrize(("name", "width"), AXE_CASES)
def test_axe_finds_no_serious_or_critical_accessibility_problem(browser, pages, axe_source, name, width):
    # The page's own policy forbids scripts; axe is the test's, so this context lets it in.
    page, _ = opened(browser, pages[name], width=width, bypass_csp=True)
    page.add_script_tag(content=axe_source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    page.context.close()
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
