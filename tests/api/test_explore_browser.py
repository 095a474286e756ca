"""The explorer page, end to end in a real headless browser.

The real app (embedded store, seed data) runs under uvicorn on a free local port; Debian's
chromium, driven by Playwright through ``executable_path`` (no browser download), searches
AQIM, draws its neighborhood, expands a node by clicking it on the canvas, moves the year
slider to 2005, opens an edge's sources and saves a screenshot to
``test-artifacts/explore.png``.

Without chromium (or the playwright package) the test is skipped with the install line,
except under CI (``CI=true``), where it fails.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.live_server import serve_in_thread
from tests.requirements import require

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOT = ARTIFACTS / "explore.png"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 20_000
INSTALL = "install it with `apt-get install chromium` (or `bash .ci/install-browser`)"


def _missing(reason: str) -> None:
    require("the explorer's browser", False, f"{reason}: {INSTALL}")


def _chromium() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None)
    if found is None:
        _missing("Debian's chromium is not installed")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """The real app, served by uvicorn from a background thread on a free 127.0.0.1 port."""
    from jkg.api.main import create_app
    from jkg.graph.store import EmbeddedStore

    app = create_app(store=EmbeddedStore.from_paths())
    with serve_in_thread(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (`pip install playwright`; never `playwright install`)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _settle(page: Any) -> None:
    """Wait until no request of the page is in flight and cytoscape has drawn."""
    page.wait_for_function("() => window.jkgExplorer && !window.jkgExplorer.busy()")
    page.wait_for_timeout(100)  # one more frame, for the canvas


def test_explore_page_end_to_end(browser: Any, base_url: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on("console", lambda msg: errors.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    failed: list[str] = []
    page.on("requestfailed", lambda req: failed.append(req.url))
    page.on("response", lambda res: failed.append(f"{res.status} {res.url}") if res.status >= 400 else None)
    try:
        response = page.goto(f"{base_url}/explore")
        assert response is not None and response.ok
        assert page.title() == "jkg explorer"
        page.wait_for_function("() => window.jkgExplorer !== undefined")

        # Search, then draw the first result's neighborhood.
        page.get_by_label("Entity", exact=True).fill("AQIM")
        page.get_by_role("button", name="Search").click()
        aqim = page.locator('#results button.result[data-id="aqim"]')
        aqim.wait_for()
        assert "al-Qaeda in the Islamic Maghreb" in aqim.inner_text()
        aqim.click()
        page.wait_for_function("() => window.jkgExplorer.nodeCount() > 1")
        _settle(page)
        first_nodes = page.evaluate("window.jkgExplorer.nodeCount()")
        all_time_edges = page.evaluate("window.jkgExplorer.edgeCount()")
        ids = page.evaluate("window.jkgExplorer.nodeIds()")
        assert "aqim" in ids and "gspc" in ids, ids
        assert all_time_edges > 0
        assert page.locator("#edge-count").inner_text() == str(all_time_edges)
        assert page.locator("#legend li").count() > 1  # coloured by type, with a legend

        # Expand GSPC by clicking it where it is drawn on the canvas.
        point = page.evaluate("window.jkgExplorer.nodeClientPoint('gspc')")
        page.mouse.click(point["x"], point["y"])
        page.wait_for_function("() => window.jkgExplorer.expanded().includes('gspc')")
        _settle(page)
        assert page.evaluate("window.jkgExplorer.expanded()") == ["aqim", "gspc"]
        expanded_nodes = page.evaluate("window.jkgExplorer.nodeCount()")
        expanded_edges = page.evaluate("window.jkgExplorer.edgeCount()")
        assert expanded_nodes > first_nodes
        assert expanded_edges > all_time_edges
        assert page.locator("#panel-title").inner_text() == "Salafist Group for Preaching and Combat"
        page.screenshot(path=str(ARTIFACTS / "explore-all-time.png"))

        # Move the slider to 2005 with the keyboard: relations not in force then disappear.
        slider = page.get_by_label("Year", exact=True)
        slider.focus()
        page.keyboard.press("Home")
        for _ in range(2005 - 1985):
            page.keyboard.press("ArrowRight")
        page.wait_for_function("() => window.jkgExplorer.at() === 2005")
        _settle(page)
        assert page.locator("#year-value").inner_text() == "2005"
        assert not page.get_by_label("All time").is_checked()
        edges_2005 = page.evaluate("window.jkgExplorer.edgeCount()")
        assert 0 < edges_2005 < expanded_edges

        # Back to all time: the relations come back.
        page.get_by_label("All time").check()
        page.wait_for_function("() => window.jkgExplorer.at() === null")
        _settle(page)
        assert page.evaluate("window.jkgExplorer.edgeCount()") == expanded_edges
        page.get_by_label("All time").uncheck()  # back to the slider's year, 2005
        page.wait_for_function("() => window.jkgExplorer.at() === 2005")
        _settle(page)
        assert page.evaluate("window.jkgExplorer.edgeCount()") == edges_2005

        # Click an edge on the canvas: the side panel shows its dates, status and sources.
        hit = page.evaluate("window.jkgExplorer.edgeClientPoint()")
        assert hit is not None, "no edge midpoint clear of the nodes"
        page.mouse.click(hit["x"], hit["y"])
        page.wait_for_function("() => window.jkgExplorer.selectedEdge() !== null")
        panel = page.locator("#side-panel")
        assert panel.is_visible()
        assert "null" not in panel.inner_text().split()
        for term in ("From", "To", "Status", "Grading"):
            assert panel.locator("dt", has_text=term).count() >= 1, term
        sources = panel.locator("#edge-sources li")
        assert sources.count() >= 1
        page.wait_for_function("() => !document.querySelector('#edge-sources li.loading')")
        assert panel.locator("#edge-sources li.failed").count() == 0
        first = sources.first
        assert first.locator(".publisher").inner_text().strip()
        assert first.locator(".date").inner_text().startswith("(")
        assert panel.locator("#edge-sources li.loaded").count() == sources.count()
        # Each source is a link to its page, or a plain citation when it has no URL.
        assert panel.locator("#edge-sources li a, #edge-sources li cite").count() == sources.count()
        links = panel.locator("#edge-sources a")
        for i in range(links.count()):
            assert (links.nth(i).get_attribute("href") or "").startswith(("http://", "https://"))
            assert links.nth(i).get_attribute("rel") == "noopener noreferrer"

        assert failed == [], failed
        assert errors == [], errors
    finally:
        page.screenshot(path=str(SCREENSHOT), full_page=True)
        page.close()
    assert SCREENSHOT.stat().st_size > 10_000
