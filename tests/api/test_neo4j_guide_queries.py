"""The analyst's questions in the Neo4j Browser guide give the API's answers.

The guide (``api/neo4j/guide.html``) is the one source: each question slide holds ``:param`` blocks and
``<pre data-question="NAME">`` blocks. Here every question's query is read from the guide, checked to
start from the served version of the data and to apply the time rule on the stored bounds, EXPLAINed on
the live server, then run on the seed data (with the guide's own parameters, and with others) and its
rows compared with the embedded store's answer to the same question (``/succession``,
``/organizations/{id}/leaders``, ``/organizations/{id}/lineage``, ``/paths``, ``/timeline/{id}``).

The guide leaves refuted reports out everywhere; where the API lists them (leaders, timelines) they are
left out of its answer before comparing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

import pytest
from neo4j import Session

from jkg.api.routers import neo4j_browser
from jkg.graph.engine.dates import Span

if TYPE_CHECKING:
    from jkg.graph.neo4j.config import Neo4jSettings
    from jkg.graph.neo4j.store import Neo4jStore
    from jkg.graph.store import EmbeddedStore
    from tests.neo4j_server import LocalNeo4j

QUESTIONS = ("succession", "succession-statements", "leaders", "lineage", "lineage-graph", "paths", "paths-graph",
             "timeline")
ANCHOR = "MATCH (d:Dataset {id: 'jkg'})"
TIME_RULE = ("r.status <> 'refuted'", "r.possibleFrom <= $last", "r.possibleUntil >= $first")
ALL_TIME = {"first": dt.date(1900, 1, 1), "last": dt.date(2100, 12, 31)}


# -- reading the guide -------------------------------------------------------------------------------------


@dataclass
class Slide:
    title: str = ""
    params: dict[str, str] = field(default_factory=dict)  # name -> Cypher expression
    questions: dict[str, str] = field(default_factory=dict)  # question -> query


class _Reader(HTMLParser):
    """The slides, with their ``:param`` blocks and their question blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.slides: list[Slide] = []
        self._text: list[str] | None = None
        self._question: str | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "slide":
            self.slides.append(Slide())
        elif tag == "h3" and self.slides and not self.slides[-1].title:
            self._in_title = True
        elif tag == "pre" and "runnable" in (attributes.get("class") or "").split():
            self._text, self._question = [], attributes.get("data-question")

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)
        elif self._in_title:
            self.slides[-1].title += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3":
            self._in_title = False
        if tag == "pre" and self._text is not None:
            text = "".join(self._text).strip()
            command = re.fullmatch(r":param\s+(\w+)\s*=>\s*(.+)", text, re.S)
            if command:
                self.slides[-1].params[command[1]] = command[2]
            elif self._question:
                self.slides[-1].questions[self._question] = text
            self._text = self._question = None


def guide_slides() -> list[Slide]:
    reader = _Reader()
    reader.feed(neo4j_browser.GUIDE.read_text(encoding="utf-8"))
    return reader.slides


def question(name: str) -> tuple[str, dict[str, str]]:
    """A question's query and the parameters its slide sets."""
    found = [(s.questions[name], s.params) for s in guide_slides() if name in s.questions]
    assert len(found) == 1, f"the guide should ask {name!r} once, not {len(found)} times"
    return found[0]


# -- the guide itself (no server) ------------------------------------------------------------------------


def test_guide_asks_each_question_after_the_aqim_slide() -> None:
    slides = guide_slides()
    titles = [s.title for s in slides]
    aqim = titles.index("AQIM's emirs")
    for name in QUESTIONS:
        where = [i for i, s in enumerate(slides) if name in s.questions]
        assert len(where) == 1 and where[0] > aqim, (name, where)
    assert neo4j_browser.GUIDE.read_text(encoding="utf-8").count("RETURN emir.name") == 1  # the e2e test's block


@pytest.mark.parametrize("name", QUESTIONS)
def test_each_question_starts_from_the_served_version_and_applies_the_time_rule(name: str) -> None:
    query, params = question(name)
    assert query.startswith(ANCHOR) and "gen: d.current" in query, query
    variable = "s" if name == "succession-statements" else "r"
    for condition in TIME_RULE:
        assert condition.replace("r.", f"{variable}.") in query, (name, condition)
    used = set(re.findall(r"\$(\w+)", query))
    assert used <= set(params), f"{name}: the slide sets no :param for {used - set(params)}"


# -- on the live server ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def session(neo4j_live: tuple[Neo4jSettings, LocalNeo4j | None], neo4j_store: Neo4jStore) -> Iterator[Session]:
    """A session on the live server holding the seed data (loaded by the ``neo4j_store`` fixture)."""
    with neo4j_store.driver.session(database=neo4j_live[0].database) as opened:
        yield opened


def evaluate(session: Session, params: dict[str, str], **overrides: Any) -> dict[str, Any]:
    """The slide's parameters as Browser evaluates them (with Cypher), some replaced."""
    values = {name: session.run(f"RETURN {expression} AS value").single(strict=True)["value"]
              for name, expression in params.items()}
    return {**values, **overrides}


def run(session: Session, name: str, **overrides: Any) -> list[dict[str, Any]]:
    query, params = question(name)
    return session.run(query, evaluate(session, params, **overrides)).data()  # type: ignore[arg-type]


def year(text: str) -> dict[str, dt.date]:
    span = Span.of(text)
    return {"first": dt.date.fromordinal(span.first), "last": dt.date.fromordinal(span.last)}


@pytest.mark.neo4j
@pytest.mark.parametrize("name", QUESTIONS)
def test_each_question_is_explained_and_answers_with_the_guides_parameters(session: Session, name: str) -> None:
    query, params = question(name)
    values = evaluate(session, params)
    plan = session.run(f"EXPLAIN {query}", values).consume().plan  # type: ignore[arg-type]
    assert plan is not None
    operators: list[str] = []
    stack = [plan]
    while stack:
        step = stack.pop()
        operators.append(step["operatorType"])
        stack.extend(step.get("children", []))
    assert not any(op.startswith(("AllNodesScan", "NodeByLabelScan")) for op in operators), operators
    assert session.run(query, values).data(), f"no rows from the guide's {name} question"  # type: ignore[arg-type]


def organizations(store: EmbeddedStore) -> list[str]:
    graph = store.graph
    return sorted(e.id for e in graph.entities.values() if graph.schema.is_a(e.type, "Organization"))


@pytest.mark.neo4j
def test_succession_is_the_apis_chain(session: Session, embedded_store: EmbeddedStore) -> None:
    """Every emir chain of the seed data, as ``/succession`` gives it (a holder who came back to the
    post, twice); with the guide's parameters first."""
    _, params = question("succession")
    asked = evaluate(session, params)
    cases = [asked["org"], *(org for org in organizations(embedded_store) if org != asked["org"])]
    compared = 0
    for org in cases:
        chain = embedded_store.succession(org, asked["post"])
        if not chain.holders:
            continue
        rows = run(session, "succession", org=org)
        want = [(h.person.id, h.organizations, h.start, h.end) for h in chain.holders]
        got = [(row["id"], row["organizations"], row["from"], row["until"]) for row in rows]
        assert got == want, org
        compared += 1
        statements = {(row["successor"], row["predecessor"]) for row in run(session, "succession-statements", org=org)}
        stated = {(h.person.name, h.predecessor.name) for h in chain.holders if h.stated and h.predecessor}
        assert stated <= statements, org
    assert compared >= 20


@pytest.mark.neo4j
def test_succession_of_aqim_across_the_renaming(session: Session) -> None:
    rows = run(session, "succession")
    assert [row["id"] for row in rows] == ["hassan-hattab", "nabil-sahraoui", "abdelmalek-droukdel",
                                           "abu-ubaydah-yusuf-al-annabi"]
    assert rows[2]["organizations"] == ["gspc", "aqim"]


LEADER_CASES = [(None, None), ("aqim", "2015-06-01"), ("jnim", "2020"), ("iswap", "2021"), ("gia", "1994"),
                ("islamic-state", "2019"), ("al-qaeda", "2011")]


@pytest.mark.neo4j
@pytest.mark.parametrize(("org", "at"), LEADER_CASES)
def test_leaders_as_of_a_date_are_the_apis(session: Session, embedded_store: EmbeddedStore, org: str | None,
                                           at: str | None) -> None:
    if org is None:  # the guide's own question: the GSPC in 2004
        org, at = "gspc", "2004"
        rows = run(session, "leaders")
    else:
        assert at is not None
        rows = run(session, "leaders", org=org, **year(at))
    want = [(r.id, r.valid) for r in embedded_store.leaders(org, at=at) if r.status != "refuted"]
    assert [(row["fact"], row["held"]) for row in rows] == want
    assert want


LINEAGE_ROLES = {"renamed from": "predecessors", "renamed into": "successors", "splinter": "splinters",
                 "split from": "splintered_from", "merged from": "merged_from", "merged into": "merged_into",
                 "branch": "branches", "parent": "parents"}


@pytest.mark.neo4j
def test_lineage_is_the_apis(session: Session, embedded_store: EmbeddedStore) -> None:
    """Every organization's direct relatives and lineage family over the whole period (the API's has none)."""
    for org in organizations(embedded_store):
        answer = embedded_store.lineage(org)
        got: dict[str, set[str]] = {role: set() for role in LINEAGE_ROLES.values()}
        for row in run(session, "lineage", org=org, **ALL_TIME):
            got[LINEAGE_ROLES[row["relative"]]].add(row["id"])
        want = {role: {e.id for e in getattr(answer, role)} for role in LINEAGE_ROLES.values()}
        assert got == want, org
        family = {node["id"] for row in session.run(question("lineage-graph")[0], org=org, **ALL_TIME)
                  for node in row["p"].nodes}
        lineage_types = set(embedded_store.graph.schema.relation_types_in("lineage"))
        among = {end for e in answer.graph.edges if e.type in lineage_types and e.status != "refuted"
                 for end in (e.subject.id, e.object.id)}
        assert family == among, org


@pytest.mark.neo4j
def test_lineage_with_the_guides_parameters(session: Session, embedded_store: EmbeddedStore) -> None:
    rows = run(session, "lineage")
    answer = embedded_store.lineage("aqim")
    assert {row["id"] for row in rows if row["relative"] == "splinter"} == {e.id for e in answer.splinters}
    assert {row["id"] for row in rows if row["relative"] == "renamed from"} == {"gspc"}


PATH_CASES = [(None, None, None), ("abdelmalek-droukdel", "iyad-ag-ghaly", "2015"), ("amadou-kouffa", "aqim", "2018"),
              ("gspc", "aqim", "2007"), ("abdelmalek-droukdel", "mokhtar-belmokhtar", "2012"),
              ("iyad-ag-ghaly", "amadou-kouffa", "2018"), ("gspc", "jnim", "2018")]


@pytest.mark.neo4j
@pytest.mark.parametrize(("source", "target", "at"), PATH_CASES)
def test_paths_as_of_a_date_are_the_apis(session: Session, embedded_store: EmbeddedStore, source: str | None,
                                         target: str | None, at: str | None) -> None:
    if source is None:  # the guide's own question
        source, target, at = "mokhtar-belmokhtar", "jnim", "2017"
        rows = run(session, "paths")
    else:
        assert target is not None and at is not None
        rows = run(session, "paths", source=source, target=target, **year(at))
    want = [[node.id for node in path.nodes] for path in embedded_store.paths(source, target, at=at, max_hops=4)]
    assert [row["ids"] for row in rows] == want
    query, params = question("paths-graph")
    graph = session.run(query, evaluate(session, params, source=source, target=target, **year(at)))
    assert sorted({tuple(node["id"] for node in record["p"].nodes) for record in graph}) == sorted(map(tuple, want))


KINDS = {"begins": "entity-start", "event": "event", "relation begins": "start", "relation ends": "end",
         "ends": "entity-end"}
TIMELINE_CASES = [(None, None, None), ("aqim", "2007", "2010"), ("jnim", "2017", "2026"), ("gspc", "1998", "2007"),
                  ("iswap", "2015", "2022"), ("abdelmalek-droukdel", "2004", "2020"), ("mujao", "2011", "2013")]


@pytest.mark.neo4j
@pytest.mark.parametrize(("ident", "start", "end"), TIMELINE_CASES)
def test_timeline_is_the_apis(session: Session, embedded_store: EmbeddedStore, ident: str | None, start: str | None,
                              end: str | None) -> None:
    if ident is None:  # the guide's own question: AQIM in 2012 and 2013
        ident, start, end = "aqim", "2012", "2013"
        rows = run(session, "timeline")
    else:
        assert start is not None and end is not None
        rows = run(session, "timeline", org=ident, first=year(start)["first"], last=year(end)["last"])
    answer = [item for item in embedded_store.timeline(ident, start=start, end=end)
              if item.relation is None or item.relation.status != "refuted"]
    assert answer

    # the same dates and kinds in the same order (items of one date and kind may differ in order: the API
    # orders them by its labels)
    assert [(KINDS[row["what"]], row["date"]) for row in rows] == [(item.kind, item.date) for item in answer]
    ids = Counter((KINDS[row["what"]], row["date"], row["id"]) for row in rows)
    expected = Counter((item.kind, item.date, (item.entity.id if item.entity else None) if item.kind in (
        "event", "entity-start", "entity-end") else item.relation.id if item.relation else None) for item in answer)
    assert ids == expected
