"""The explorer's timeline and changes view, end to end in Debian's chromium (Playwright, ``executable_path``).

Opens the explorer on AQIM, finds its emirs in order on the emir band, clicks Droukdel's bar
and finds the year slider inside his tenure and his leadership relation highlighted on the
graph; reopens the shared URL and finds the same state; shows the changes from 2012 to 2018
around AQIM. Saves ``docs/timeline.png`` and ``docs/changes.png`` (shown in the README).
The server and browser fixtures are those of ``test_explore_browser.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.api.test_explore_browser import TIMEOUT_MS, base_url, browser  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
EMIRS = ["hassan-hattab", "nabil-sahraoui", "abdelmalek-droukdel", "abu-ubaydah-yusuf-al-annabi"]
VIEWPORT = {"width": 1440, "height": 1000}


def _settle(page: Any) -> None:
    """Wait until no request of the explorer, the timeline or the changes view is in flight."""
    page.wait_for_function("() => window.jkgExplorer && !window.jkgExplorer.busy() && window.jkgTimeline"
                           " && !window.jkgTimeline.busy() && !(window.jkgChanges && window.jkgChanges.busy())")
    page.wait_for_timeout(150)


def _open(chromium: Any) -> tuple[Any, list[str]]:
    """A new page, and the list its errors, failed requests and error responses go to."""
    page = chromium.new_page(viewport=VIEWPORT)
    page.set_default_timeout(TIMEOUT_MS)
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("response", lambda res: problems.append(f"{res.status} {res.url}") if res.status >= 400 else None)
    return page, problems


def _droukdel_state(page: Any, relation: str) -> None:
    """The slider is inside Droukdel's AQIM tenure (2007-01 to 2020-06-03), his relation is highlighted."""
    year = page.evaluate("window.jkgExplorer.at()")
    assert year is not None and 2007 <= year <= 2020, year
    assert 2007 <= int(page.locator("#year-slider").input_value()) <= 2020
    assert page.evaluate("window.jkgTimeline.cursorYear()") == year
    assert page.evaluate(f"window.jkgExplorer.cy.getElementById('{relation}').hasClass('highlighted')")
    assert page.evaluate("window.jkgTimeline.selected()") == relation
    assert page.locator(f'#timeline g.tl-bar.selected[data-relation="{relation}"]').count() == 1
    assert page.locator("#panel-title").inner_text().startswith("Abdelmalek Droukdel")


def test_timeline_linked_to_the_graph(browser: Any, base_url: str) -> None:  # noqa: F811
    DOCS.mkdir(exist_ok=True)
    page, problems = _open(browser)
    try:
        page.goto(f"{base_url}/explore")
        page.wait_for_function("() => window.jkgTimeline !== undefined")
        page.get_by_label("Entity", exact=True).fill("AQIM")
        page.get_by_role("button", name="Search").click()
        page.locator('#results button.result[data-id="aqim"]').click()
        page.wait_for_function("() => window.jkgTimeline.entity() === 'aqim'")
        _settle(page)

        # The emirs, in order, on the emir band (followed from the GSPC), with a legend of the statuses.
        assert page.evaluate("window.jkgTimeline.rows('emir')") == EMIRS
        legend = page.locator("#timeline-legend").inner_text()
        for status in ("disputed", "claimed", "refuted", "possible span"):
            assert status in legend
        assert page.locator('#timeline g[data-entity="hassan-hattab"] g.tl-bar.status-disputed').count() == 3
        tip = page.locator('#timeline g.tl-bar[data-subject="abdelmalek-droukdel"][data-object="aqim"] title')
        assert "2007-01 to 2020-06-03" in tip.text_content() and "grading: A1" in tip.text_content()

        # Click Droukdel's AQIM bar: the slider moves into his tenure, his relation is highlighted.
        bar = page.locator('#timeline g.tl-bar[data-subject="abdelmalek-droukdel"][data-object="aqim"]')
        relation = bar.get_attribute("data-relation")
        assert relation
        bar.locator("rect.certain").click()
        page.wait_for_function(f"() => window.jkgExplorer.cy.getElementById('{relation}').hasClass('highlighted')")
        _settle(page)
        _droukdel_state(page, relation)
        page.screenshot(path=str(DOCS / "timeline.png"))

        # Moving the slider moves the cursor on the timeline.
        page.locator("#year-slider").focus()
        page.keyboard.press("End")
        page.wait_for_function("() => window.jkgExplorer.at() === 2026")
        _settle(page)
        assert page.evaluate("window.jkgTimeline.cursorYear()") == 2026

        # Clicking a node opens its timeline (a person: posts with predecessor and successor).
        shared = page.url
        assert "entity=aqim" in shared and "edge=" in shared
        assert problems == [], problems
    finally:
        page.close()

    # The shared URL reopens the same view (as of the year of the bar clicked; the slider was moved after).
    shared = shared.replace("at=2026", "at=2013")
    again, problems = _open(browser)
    try:
        again.goto(shared)
        again.wait_for_function("() => window.jkgTimeline && window.jkgTimeline.entity() === 'aqim'")
        again.wait_for_function(f"() => window.jkgExplorer.cy.getElementById('{relation}').hasClass('highlighted')")
        _settle(again)
        assert again.evaluate("window.jkgExplorer.at()") == 2013
        _droukdel_state(again, relation)
        assert again.evaluate("window.jkgTimeline.rows('emir')") == EMIRS
        assert problems == [], problems
    finally:
        again.close()


def test_person_timeline_and_changes(browser: Any, base_url: str) -> None:  # noqa: F811
    page, problems = _open(browser)
    try:
        page.goto(f"{base_url}/explore#entity=aqim")
        page.wait_for_function("() => window.jkgTimeline && window.jkgTimeline.entity() === 'aqim'")
        _settle(page)

        # Clicking a node opens its timeline.
        point = page.evaluate("window.jkgExplorer.nodeClientPoint('abdelmalek-droukdel')")
        page.mouse.click(point["x"], point["y"])
        page.wait_for_function("() => window.jkgTimeline.entity() === 'abdelmalek-droukdel'")
        _settle(page)
        assert page.evaluate("window.jkgTimeline.rows('emir')") == ["gspc", "aqim"]
        labels = page.locator('#timeline g[data-band="emir"] .row-label title').all_text_contents()
        assert all("after Nabil Sahraoui" in t and "before Abu Ubaida Yusuf al-Annabi" in t for t in labels), labels
        assert "of=abdelmalek-droukdel" in page.url

        # What changed from 2012 to 2018 around AQIM, styled on the graph.
        page.locator("#changes-from").fill("2012")
        page.locator("#changes-to").fill("2018")
        page.get_by_role("button", name="Show changes").click()
        page.wait_for_function("() => window.jkgChanges.ids('added').length > 0")
        _settle(page)
        answer = page.evaluate("fetch('changes?from=2012&to=2018&around=aqim&depth=1').then(r => r.json())")
        added = set(page.evaluate("window.jkgChanges.ids('added')"))
        removed = set(page.evaluate("window.jkgChanges.ids('removed')"))
        assert {r["id"] for r in answer["began"]} <= added
        assert {r["id"] for r in answer["ended"]} <= removed
        assert answer["ended"], "some relation around AQIM ended between 2012 and 2018"
        assert page.evaluate("window.jkgExplorer.at()") is None
        assert page.locator("#changes-list li").count() >= len(answer["began"]) + len(answer["ended"])
        assert "from=2012" in page.url and "to=2018" in page.url
        # The timeline hides (and says so in the URL), leaving the graph the whole height.
        page.keyboard.press("Escape")
        page.get_by_role("button", name="Hide timeline").click()
        assert page.locator("#timeline-panel").is_hidden() and "timeline=0" in page.url
        page.wait_for_timeout(200)
        page.evaluate("window.jkgExplorer.cy.fit(undefined, 20)")
        page.screenshot(path=str(DOCS / "changes.png"))
        assert problems == [], problems
    finally:
        page.close()
