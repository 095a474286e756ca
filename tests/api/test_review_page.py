"""The review page of article proposals: served, its edit and apply endpoints behind the token, and the page
itself driven in a real headless browser (Debian's chromium through Playwright's executable_path)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jkg.api.main import create_app
from jkg.graph.engine.dates import PartialDate
from jkg.graph.imports.articles.proposals import KIND, ArticleMeta, propose
from jkg.graph.imports.articles.report import read
from jkg.graph.imports.articles.text import read_article
from jkg.graph.imports.review import ReviewQueue
from jkg.graph.store import EmbeddedStore
from tests.api.test_explore_browser import CHROMIUM_ARGS, TIMEOUT_MS, _chromium, _missing
from tests.live_server import serve_in_thread

from .conftest import SEED, TOKEN, make_settings

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = Path(__file__).resolve().parents[1] / "graph" / "imports" / "articles" / "corpus" \
    / "fr-tv5monde-2020-06-droukdal.txt"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _queue(folder: Path, embedded: EmbeddedStore) -> ReviewQueue:
    queue = ReviewQueue(folder)
    reading = read(embedded.graph, read_article(ARTICLE), "fr", PartialDate.parse("2020-06"))
    propose(queue, embedded.graph, [reading],
            {reading.article.name: ArticleMeta(url="https://information.tv5monde.com/x", outlet="TV5Monde",
                                               published="2020-06")})
    return queue


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the seed data, for apply to write into."""
    copy = tmp_path / "seed_data"
    shutil.copytree(SEED, copy)
    return copy


@pytest.fixture
def app_and_queue(tmp_path: Path, embedded: EmbeddedStore, data: Path) -> tuple[Any, ReviewQueue]:
    app = create_app(make_settings(admin_token=TOKEN, data=[data]), store=embedded)
    queue = _queue(tmp_path / "review", embedded)
    app.state.review_queue = queue
    return app, queue


def test_the_page_is_served_and_its_endpoints_need_the_token(app_and_queue: tuple[Any, ReviewQueue],
                                                              data: Path) -> None:
    app, queue = app_and_queue
    killed = next(p for p in queue.pending(KIND) if p.payload["relation"]["type"] == "killedIn")
    with TestClient(app, raise_server_exceptions=False) as client:
        page = client.get("/review/articles")
        assert page.status_code == 200 and "review.js" in page.text
        assert client.get("/static/review/review.js").status_code == 200
        assert client.get("/static/review/secret.py").status_code == 404
        assert client.post(f"/review/articles/{killed.id}/edit", json={"date": "2020-06-03"}).status_code == 401
        assert client.post("/review/articles/apply").status_code == 401
        bad = client.post(f"/review/articles/{killed.id}/edit", headers=AUTH, json={"date": "2020-06-31"})
        assert bad.status_code == 422
        edited = client.post(f"/review/articles/{killed.id}/edit", headers=AUTH, json={"date": "2020-06-03"})
        assert edited.status_code == 200 and edited.json()["payload"]["relation"]["date"] == "2020-06-03"
        judged = client.post(f"/review/{killed.id}", headers=AUTH, json={"verdict": "positive", "who": "ana"})
        assert judged.status_code == 200
        applied = client.post("/review/articles/apply", headers=AUTH)
        assert applied.status_code == 200, applied.text
        [written] = applied.json()["files"]
        assert Path(written).parent == data / "imports" / "articles"
        assert "SHA-256 of the text read" in Path(written).read_text(encoding="utf-8")
        # after a reload the API serves the accepted fact, with the article as its source
        reloaded = client.post("/admin/reload", headers=AUTH)
        assert reloaded.status_code == 200, reloaded.text
        source = client.get("/sources/article-fr-tv5monde-2020-06-droukdal")
        assert source.status_code == 200, source.text
        assert source.json()["url"] == "https://information.tv5monde.com/x"
        assert "killing-droukdel-2020-06-03" in source.text


@pytest.fixture
def browser() -> Iterator[Any]:
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (`pip install playwright`; never `playwright install`)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def test_review_page_in_a_browser(browser: Any, app_and_queue: tuple[Any, ReviewQueue]) -> None:
    app, queue = app_and_queue
    with serve_in_thread(app) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(TIMEOUT_MS)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{url}/review/articles")
        page.get_by_label("Admin token").fill(TOKEN)
        page.get_by_label("Who").fill("ana")
        page.get_by_role("button", name="Load").click()
        cards = page.locator(".card")
        cards.first.wait_for()
        assert cards.count() == 2
        killed = page.locator(".card", has_text="killedIn")
        # the sentence with its mentions highlighted, the conflict, the graph's facts beside it
        assert killed.locator("mark.linked").first.inner_text() == "Abdelmalek Droukdal"
        assert killed.locator("mark.linked").first.get_attribute("title") == "abdelmalek-droukdel"
        assert "conflicts: date" in killed.locator(".badge").inner_text()
        assert "killing-droukdel-2020-06-03" in killed.locator(".facts").inner_text()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "review.png"), full_page=True)
        # reject one with a reason; edit the other's date, then accept it
        other = page.locator(".card", has_text="perpetratorOf")
        other.get_by_label("reason").fill("already sourced")
        other.get_by_role("button", name="Reject").click()
        other.locator("em", has_text="rejected").wait_for()
        killed.get_by_role("button", name="Edit").click()
        killed.get_by_label("date").fill("2020-06-03")
        killed.get_by_role("button", name="Save and accept").click()
        killed.locator("em", has_text="accepted").wait_for()
        assert errors == []
    verdicts = {j.pair.split(".")[1]: (j.verdict, j.who, j.reason) for j in queue.judgements()}
    assert verdicts["perpetratorOf"] == ("negative", "ana", "already sourced")
    assert verdicts["killedIn"][0] == "positive"
    assert queue.proposal(next(j.pair for j in queue.judgements() if j.verdict == "positive")).payload[
        "relation"]["date"] == "2020-06-03"
