"""Neo4j Browser on jkg: the style and guide the API serves, and Browser itself, end to end.

* The GRASS stylesheet covers every label and relationship type of the ontology, parses as
  Browser parses it, and the committed ``api/neo4j/style.grass`` is the generated one.
* The guide is a Browser guide (``<slide>`` pages with ``pre.runnable`` blocks), and every
  block runs on the live server and returns rows (``:param`` blocks are evaluated as Browser does).
* Both are served with ``Access-Control-Allow-Origin: *``, and the CORS preflight Browser sends
  for the guide (it adds ``Pragma`` and ``Cache-Control`` headers) is answered.
* End to end: the API under uvicorn, a dedicated Neo4j whose ``browser.post_connect_cmd`` points
  at it, Debian's chromium (headless, Playwright with ``executable_path``; no browser download)
  opens Browser, logs in, gets the style and the guide by themselves, runs the guide's
  succession query from its runnable block and finds AQIM's emirs in the table, then draws the
  same succession as a styled graph and saves ``test-artifacts/neo4j-browser.png``.

Without chromium or the playwright package the end-to-end test skips with one line, and
fails under CI (``CI=true``).
"""

from __future__ import annotations

import inspect
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jkg.api.routers import neo4j_browser
from jkg.graph.neo4j.config import Neo4jSettings, connect
from jkg.graph.neo4j.load import load
from jkg.graph.neo4j.store import Neo4jStore
from jkg.graph.store import EmbeddedStore, Store
from jkg.ontology.schema import Schema
from tests.live_server import serve_in_thread
from tests.neo4j_server import ROOT, LocalNeo4j, unavailable
from tests.requirements import require

ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOT = ARTIFACTS / "neo4j-browser.png"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 60_000
SUCCESSION = "RETURN emir.name"  # identifies the guide's succession table query
SUCCESSION_GRAPH = "RETURN p\n"  # ... and its graph variant, the first "RETURN p" block


# -- reading the guide and the stylesheet as Browser does ----------------------------------


class _Guide(HTMLParser):
    """Slides and the text of their ``pre.runnable`` blocks (what Browser puts in its editor)."""

    def __init__(self) -> None:
        super().__init__()
        self.slides = 0
        self.blocks: list[str] = []
        self.articles: list[str] = []
        self._pre: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "slide":
            self.slides += 1
        elif tag == "article":
            self.articles.extend(classes)
        elif tag == "pre" and "runnable" in classes:
            self._pre = []

    def handle_data(self, data: str) -> None:
        if self._pre is not None:
            self._pre.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre" and self._pre is not None:
            self.blocks.append("".join(self._pre).strip())
            self._pre = None


def read_guide() -> _Guide:
    parser = _Guide()
    parser.feed(neo4j_browser.GUIDE.read_text(encoding="utf-8"))
    return parser


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """Browser 5.24's GRASS parser, ported: quotes are dropped, braces inside them kept, a
    declaration with a second colon ignored, and text outside a rule (a comment too) joins the selector."""
    rules: dict[str, str] = {}
    in_quote = in_rule = nested = False
    selector = body = ""
    for char in text:
        skip = True
        if char == "{":
            if in_quote:
                skip = False
            elif in_rule:
                nested = True
            else:
                in_rule = True
        elif char == "}":
            if in_quote:
                skip = False
            elif nested:
                nested = False
            else:
                in_rule = False
                rules[selector], selector, body = body, "", ""
        elif char in "'\"":
            in_quote = not in_quote
        else:
            skip = False
        if not skip:
            if in_rule:
                body += char
            elif not char.isspace():
                selector += char
    parsed: dict[str, dict[str, str]] = {}
    for name, declarations in rules.items():
        parsed[name] = {}
        for declaration in declarations.split(";"):
            parts = declaration.split(":")
            if len(parts) == 2:
                parsed[name][parts[0].strip()] = parts[1].strip()
    return parsed


# -- the stylesheet -------------------------------------------------------------------------


def test_style_gives_every_label_a_colour_size_and_caption(schema: Schema) -> None:
    rules = parse_grass(neo4j_browser.grass_stylesheet(schema))
    assert all(re.fullmatch(r"(node|relationship)(\.[A-Za-z_]+)?", s) for s in rules), list(rules)
    labels = neo4j_browser.browser_labels(schema)
    for cls in schema.concrete_classes():
        assert set(schema.classes[cls].neo4j_labels) <= set(labels)
    captions = {"Name": "{text}", "Source": "{publisher}", "Dataset": "{version}"}
    for label in labels:
        rule = rules[f"node.{label}"]
        assert re.fullmatch(r"#[0-9A-F]{6}", rule["color"]), (label, rule)
        assert re.fullmatch(r"\d+px", rule["diameter"]), (label, rule)
        assert rule["caption"] == captions.get(label, "{name}"), (label, rule)
    node_colours = [rules[f"node.{c}"]["color"] for c in labels]
    assert len(set(node_colours)) == len(node_colours), "two labels share a colour"
    types = [t.neo4j_type for t in schema.relation_types.values()] + list(neo4j_browser.LINK_TYPES)
    for rtype in types:
        assert rules[f"relationship.{rtype}"]["caption"] == "<type>"


def test_committed_style_is_the_generated_one(schema: Schema) -> None:
    assert neo4j_browser.STYLE.read_text(encoding="utf-8") == neo4j_browser.grass_stylesheet(schema), (
        "api/neo4j/style.grass is stale: python -m jkg.api.routers.neo4j_browser > api/neo4j/style.grass")


# -- the guide ---------------------------------------------------------------------------------


def test_guide_is_a_browser_guide_covering_the_questions() -> None:
    guide = read_guide()
    html = neo4j_browser.GUIDE.read_text(encoding="utf-8")
    assert "guide" in guide.articles and re.search(r"<title>[^<]+</title>", html)
    assert guide.slides >= 6 and len(guide.blocks) >= guide.slides
    text = "\n".join(guide.blocks)
    for needle in ("LEADER_OF {post: 'emir'}", "(:Entity {id: 'aqim'})-[:SUCCESSOR_OF*0..", "ORDER BY r.start",
                   "MERGED_INTO]->(jnim:Entity {id: 'jnim'})", "SPLINTER_OF|SUCCESSOR_OF|MERGED_INTO*",
                   "TIES_WITH_COMMUNITY", "r.nature", ":param at => date(", "r.possibleFrom <= $at",
                   "$at <= r.possibleUntil"):
        assert needle in text, needle


def _app(store: Store) -> FastAPI:
    """The real app on this store, with the Browser router (included here until main.py does)."""
    from jkg.api.main import create_app
    from jkg.api.settings import Settings

    if "store" not in inspect.signature(create_app).parameters:
        app = FastAPI()
    else:
        settings = Settings(_env_file=None, backend="embedded", cors_origins=[], admin_token=None)
        app = create_app(settings, store=store)
    if not any(getattr(r, "path", None) == "/neo4j/guide.html" for r in app.routes):
        app.include_router(neo4j_browser.router)
    return app


def test_style_and_guide_are_served_to_another_origin(embedded_store: EmbeddedStore) -> None:
    origin = {"Origin": "http://127.0.0.1:7474"}
    with TestClient(_app(embedded_store)) as client:
        style = client.get("/neo4j/style.grass", headers=origin)
        guide = client.get("/neo4j/guide.html", headers={**origin, "Pragma": "no-cache", "Cache-Control": "no-cache"})
        preflight = client.options("/neo4j/guide.html", headers={
            **origin, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "cache-control,pragma"})
    assert style.status_code == 200 and style.headers["access-control-allow-origin"] == "*"
    assert style.text == neo4j_browser.STYLE.read_text(encoding="utf-8")
    assert guide.status_code == 200 and guide.headers["access-control-allow-origin"] == "*"
    assert guide.headers["content-type"].startswith("text/html") and "<slide" in guide.text
    assert preflight.status_code == 204 and preflight.headers["access-control-allow-origin"] == "*"
    assert "pragma" in preflight.headers["access-control-allow-headers"]
    assert "GET" in preflight.headers["access-control-allow-methods"]


@pytest.mark.neo4j
def test_every_guide_query_runs_and_returns_rows(neo4j_live: tuple[Neo4jSettings, LocalNeo4j | None],
                                                 neo4j_store: Neo4jStore, embedded_store: EmbeddedStore) -> None:
    settings = neo4j_live[0]
    load(neo4j_store.driver, embedded_store.graph, database=settings.database, replace=True)
    params: dict[str, Any] = {}
    ran = 0
    with neo4j_store.driver.session(database=settings.database) as session:
        for block in read_guide().blocks:
            command = re.fullmatch(r":param\s+(\w+)\s*=>\s*(.+)", block, re.S)
            if command:  # Browser evaluates the expression with Cypher
                params[command[1]] = session.run(f"RETURN {command[2]} AS value").single()["value"]
                continue
            assert not block.startswith(":"), f"a Browser command the test does not know: {block}"
            rows = session.run(block, params).data()
            assert rows, f"no rows from the guide's query:\n{block}"
            ran += 1
    assert ran >= 10 and "at" in params


# -- end to end in Browser ------------------------------------------------------------------------


def _browser_or_skip() -> tuple[str, Any]:
    reason = None
    executable = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "the playwright package is missing (`.venv/bin/pip install playwright`; never `playwright install`)"
    if executable is None:
        reason = "Debian's chromium is missing (`apt-get install -y chromium`)"
    if reason is not None:
        require("the browser of the end-to-end test", False, reason)
    assert executable is not None
    return executable, sync_playwright


@pytest.fixture(scope="module")
def api_url(embedded_store: EmbeddedStore) -> Iterator[str]:
    """The API (with the Browser router) under uvicorn on a free 127.0.0.1 port."""
    with serve_in_thread(_app(embedded_store)) as url:
        yield url


@pytest.fixture(scope="module")
def browser_neo4j(tmp_path_factory: pytest.TempPathFactory, api_url: str,
                  embedded_store: EmbeddedStore) -> Iterator[LocalNeo4j]:
    """A Neo4j with the seed data whose Browser applies the API's style and guide on connect."""
    if shutil.which("java") is None or shutil.which("mvn") is None:
        unavailable("java or mvn not found")
    command = f"style {api_url}/neo4j/style.grass; play {api_url}/neo4j/guide.html"
    server = LocalNeo4j(tmp_path_factory.mktemp("neo4j-browser") / "data",
                        env={"NEO4J_BROWSER_POST_CONNECT_CMD": command})
    server.start()
    try:
        with connect(server.settings) as driver:
            load(driver, embedded_store.graph)
        yield server
    finally:
        server.stop()


@pytest.mark.neo4j
def test_browser_runs_the_guide_on_the_styled_graph(browser_neo4j: LocalNeo4j, api_url: str) -> None:
    executable, sync_playwright = _browser_or_skip()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    fetched: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1100})
            page.set_default_timeout(TIMEOUT_MS)
            page.on("response", lambda r: fetched.append(f"{r.status} {r.url}") if r.url.startswith(api_url) else None)
            page.goto(f"http://127.0.0.1:{browser_neo4j.http_port}/browser/")
            # log in
            page.get_by_test_id("bolt-scheme-select").select_option("bolt://")
            page.get_by_test_id("boltaddress").fill(f"127.0.0.1:{browser_neo4j.bolt_port}")
            page.get_by_test_id("username").fill("neo4j")
            page.get_by_test_id("password").fill(browser_neo4j.password)
            page.get_by_test_id("connect").click()
            # the post-connect command fetched the style and played the guide
            page.get_by_text("jkg in Neo4j").first.wait_for()
            page.get_by_test_id("nextSlide").first.click()
            page.locator("pre.runnable", has_text=SUCCESSION).locator("i.fa-play-circle-o").click()
            page.get_by_text("Abdelmalek Droukdel").first.wait_for()  # in the result frame's table
            text = page.inner_text("body")
            assert "Abdelmalek Droukdel" in text and "al-Annabi" in text and "Hassan Hattab" in text
            assert text.index("Hassan Hattab") < text.index("Abdelmalek Droukdel") < text.index("al-Annabi")
            # the same succession as a graph, drawn with the jkg style
            page.locator("pre.runnable", has_text=SUCCESSION_GRAPH.strip()).first.locator("i.fa-play-circle-o").click()
            person = page.locator("svg g.node", has_text="Hattab").first
            person.wait_for()
            page.wait_for_timeout(2000)  # let the force layout settle for the screenshot
            colour = person.locator("circle.b-outline").get_attribute("fill")
            assert page.locator("svg g.node", has_text="Droukdel").count() == 1  # captions fit the Person size
            page.screenshot(path=str(SCREENSHOT))
        finally:
            browser.close()
    rules = parse_grass(neo4j_browser.STYLE.read_text(encoding="utf-8"))
    assert colour is not None and colour.upper() == rules["node.Person"]["color"], colour
    assert any(f.startswith("200 ") and f.endswith("/neo4j/style.grass") for f in fetched), fetched
    assert any(f.startswith("200 ") and f.endswith("/neo4j/guide.html") for f in fetched), fetched
    assert SCREENSHOT.stat().st_size > 20_000
