"""Partial dates and the time rule."""

from __future__ import annotations

import csv
import random
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import URIRef

from jkg.graph.dataset.files import read_dataset
from jkg.graph.dataset.model import Dataset
from jkg.graph.dataset.rdf import instant_date, relation_iri, to_rdf
from jkg.graph.engine.dates import (
    DATE_PATTERN,
    Interval,
    PartialDate,
    Span,
    after,
    before,
    certain_gap,
    ends_before_start,
    order_key,
    order_text,
    overlaps,
    parse_parameter,
    parse_period,
)
from jkg.graph.engine.temporal import TemporalGraph, build_graph
from jkg.graph.exceptions import BadDateError, BadParameterError
from jkg.graph.exports.neo4j_admin import export_neo4j_admin
from jkg.graph.neo4j.rows import entity_from_props, entity_props, relation_from_props, relation_props
from jkg.graph.store import EmbeddedStore
from jkg.ontology.namespace import JKG


@pytest.mark.parametrize(("text", "precision", "first", "last"), [
    ("2007", "year", "2007-01-01", "2007-12-31"),
    ("2017-03", "month", "2017-03-01", "2017-03-31"),
    ("2016-02", "month", "2016-02-01", "2016-02-29"),
    ("2019-02-21", "day", "2019-02-21", "2019-02-21"),
    ("2013~", "year", "2012-01-01", "2014-12-31"),
    ("2017-12~", "month", "2017-11-01", "2018-01-31"),
    ("2019-02-21?", "day", "2019-02-20", "2019-02-22"),
])
def test_partial_date_spans(text: str, precision: str, first: str, last: str) -> None:
    date = PartialDate.parse(text)
    assert date.precision == precision
    assert (date.earliest.isoformat(), date.latest.isoformat()) == (first, last)


@pytest.mark.parametrize("text", ["19", "2019-13", "2019-02-30", "2019/02/01", "", "soon", "2019-2"])
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(BadDateError):
        PartialDate.parse(text)


def test_round_trip() -> None:
    for text in ("2007", "2017-03", "2019-02-21", "2013~", "2013?", "2013%", "2017-03?", "2019-02-21%"):
        assert str(PartialDate.parse(text)) == text
        assert PartialDate.parse(str(PartialDate.parse(text))) == PartialDate.parse(text)


def test_interval_validity_at_dates() -> None:
    tenure = Interval(PartialDate.parse("2004"), PartialDate.parse("2020-06-03"))
    assert tenure.at(Span.of("2013")) == "certain"
    assert tenure.at(Span.of("2004")) == "possible"  # may have begun after some day of 2004
    assert tenure.at(Span.of("2020-06-03")) == "certain"
    assert tenure.at(Span.of("2020")) == "possible"
    assert tenure.at(Span.of("2020-07")) is None
    assert tenure.at(Span.of("2003")) is None


def test_open_intervals() -> None:
    ongoing = Interval(PartialDate.parse("2017-03"), None)
    assert ongoing.at(Span.of("2024")) == "certain"
    unknown_start = Interval(None, PartialDate.parse("2013"))
    assert unknown_start.at(Span.of("1999")) == "possible"
    assert unknown_start.at(Span.of("2014")) is None


def test_between() -> None:
    span = Span.between("2012", "2014-06")
    assert Interval(PartialDate.parse("2014-05"), None).at(span) == "possible"
    with pytest.raises(BadDateError):
        Span.between("2015", "2014")


# -- qualifiers ---------------------------------------------------------------------------

def test_uncertain_and_approximate_are_distinct_dates_with_the_same_days() -> None:
    approximate, uncertain, both = (PartialDate.parse(t) for t in ("2013~", "2013?", "2013%"))
    assert (approximate.qualifier, uncertain.qualifier, both.qualifier) == ("~", "?", "%")
    assert (approximate.approximate, approximate.uncertain) == (True, False)
    assert (uncertain.approximate, uncertain.uncertain) == (False, True)
    assert (both.approximate, both.uncertain) == (True, True)
    # not equal (nor the same key in a dict), but meaning the same days: one unit wider on each side
    assert approximate != uncertain != both != approximate
    assert len({approximate, uncertain, both, PartialDate.parse("2013?")}) == 3
    assert approximate.same_days(uncertain) and uncertain.same_days(both)
    assert uncertain.days == both.days == PartialDate.parse("2012").days[:1] + PartialDate.parse("2014").days[1:]
    assert not uncertain.same_days(PartialDate.parse("2013"))
    assert uncertain.plain == "2013" and PartialDate(2013, 8, 22, "?").text == "2013-08-22?"
    # neither is before the other, and they sort by text when their days tie
    assert not before(uncertain, approximate) and not after(uncertain, approximate)
    assert overlaps(uncertain, approximate)
    assert sorted([approximate, both, uncertain]) == [both, uncertain, approximate]  # "%" < "?" < "~"
    with pytest.raises(BadDateError):
        PartialDate(2013, qualifier="!")  # type: ignore[arg-type]
    with pytest.raises(BadDateError):
        PartialDate.parse("9999?")  # widened, it would reach beyond year 9999


# -- order ----------------------------------------------------------------------------------

def test_dates_order_by_earliest_then_latest_day() -> None:
    texts = ["2013-08-22", "2014", "2013", "2013-08", "2013~", "2013-01-01", "2012-12-31", "2013-08?", "2013?"]
    expected = ["2013?", "2013~", "2012-12-31", "2013-01-01", "2013", "2013-08?", "2013-08", "2013-08-22", "2014"]
    assert [str(d) for d in sorted(PartialDate.parse(t) for t in texts)] == expected
    # "2013-08" (from 08-01) comes before "2013-08-22"; "2013-01-01" ends before "2013" and comes first
    assert order_key(PartialDate.parse("2013-08")) < order_key(PartialDate.parse("2013-08-22"))
    assert order_key(PartialDate.parse("2013-01-01")) < order_key(PartialDate.parse("2013"))
    # by text, "2013~" sorted after "2013-12-31" though it may mean 2012
    assert order_key(PartialDate.parse("2013~")) < order_key(PartialDate.parse("2012-06"))
    assert order_key(None) < order_key(PartialDate.parse("0001")) and order_key(None, "last") > order_key(
        PartialDate.parse("9999-12-31"))


def test_order_text_sorts_as_order_key() -> None:
    rng = random.Random(3)
    texts = [f"{rng.randint(1, 9998):04d}" + rng.choice(["", f"-{rng.randint(1, 12):02d}", "-02-28"])
             + rng.choice(["", "", "~", "?", "%"]) for _ in range(2000)]
    dates = [PartialDate.parse(t) for t in texts]
    by_key = sorted(dates, key=lambda d: (order_key(d), d.text))
    by_text = sorted(dates, key=lambda d: (order_text(d), d.text))
    assert by_key == by_text
    assert all(order_text(d) == order_text(d.text) for d in dates)
    assert order_text(None) == order_text("") == "" < min(order_text(d) for d in dates)


def test_before_after_overlaps_and_gaps() -> None:
    def d(text: str) -> PartialDate:
        return PartialDate.parse(text)

    assert before(d("2012"), d("2013")) and after(d("2013"), d("2012"))
    assert not before(d("2013"), d("2013-05")) and not after(d("2013-05"), d("2013"))
    assert overlaps(d("2013"), d("2013-05")) and not overlaps(d("2012"), d("2013-01"))
    assert before(d("2011"), d("2013?")) and not before(d("2012"), d("2013?"))
    assert overlaps(d("2013"), Span.of("2013-12-31")) and not overlaps(d("2013"), Span.between("2014", None))
    assert certain_gap(d("2013-08-20"), d("2013-08-22")) and not certain_gap(d("2013-08-21"), d("2013-08-22"))
    assert ends_before_start(d("2014"), d("2013")) and not ends_before_start(d("2013"), d("2013-06"))
    assert not ends_before_start(None, d("2013")) and not ends_before_start(d("2013"), None)
    assert Interval(d("2014"), d("2013")).ends_before_start()


# -- parameters -----------------------------------------------------------------------------

@pytest.mark.parametrize(("parameter", "value", "reason"), [
    ("at", "2019-02-30", "2019-02 has no day 30"),
    ("at", "2019-2", "is not a date"),
    ("from", "yesterday", "is not a date"),
    ("to", "9999~", "out of range"),
    ("at", "0001?", "out of range"),
    ("at", "٢٠١٣", "is not a date"),  # digits of another script: the pattern says [0-9]
])
def test_parameters_that_are_not_dates_are_named(parameter: str, value: str, reason: str) -> None:
    with pytest.raises(BadParameterError) as caught:
        parse_parameter(parameter, value)
    assert caught.value.value == value and reason in caught.value.reason
    assert str(caught.value).startswith(f"{parameter}={value!r}: ")  # the parameter named first


def test_period_parameters() -> None:
    assert parse_parameter("at", None) is None
    assert parse_parameter("at", " 2013? ") == PartialDate(2013, qualifier="?")
    assert parse_period(None, "2013") == (None, PartialDate(2013))
    assert parse_period("2013?", "2013~") == (PartialDate(2013, qualifier="?"), PartialDate(2013, qualifier="~"))
    with pytest.raises(BadParameterError) as caught:
        parse_period("2015", "2012")
    assert str(caught.value) == "to='2012': ends before from='2015'"
    with pytest.raises(BadParameterError) as caught:
        parse_period("2015-13", "2012")
    assert str(caught.value).startswith("from='2015-13': ")
    with pytest.raises(BadParameterError) as caught:
        parse_period("2015", "2014-11~", names=("start", "end"))
    assert str(caught.value).startswith("end='2014-11~': ends before start='2015'")
    assert parse_period("2015", "2014~") == (PartialDate(2015), PartialDate(2014, qualifier="~"))  # may reach 2015
    with pytest.raises(BadDateError, match="ends"):
        Span.between("2015", "2012")  # a store call names no parameter: the same check, a BadDateError


def test_the_api_documents_the_one_pattern() -> None:
    from jkg.api import params

    assert params.DATE_PATTERN is DATE_PATTERN


# -- "?" written back as given, everywhere a date is written ------------------------------------

QUALIFIED = {"start": PartialDate.parse("2007?"), "end": PartialDate.parse("2020-06-03%")}


@pytest.fixture(scope="module")
def uncertain_graph(embedded_store: EmbeddedStore) -> TemporalGraph:
    """aqim and droukdel's leadership, with an uncertain start and an end both approximate and uncertain."""
    tg = embedded_store.graph
    rel = next(r for r in tg.edges("aqim", "in") if r.subject == "abdelmalek-droukdel" and r.type == "leaderOf")
    entities = [replace(tg.entities["aqim"], start=PartialDate.parse("2007-01?")),
                replace(tg.entities["abdelmalek-droukdel"], start=None, end=None)]
    return build_graph(Dataset(entities=entities, relations=[replace(rel, **QUALIFIED)]), tg.schema)


def test_views_write_the_qualifier_back(uncertain_graph: TemporalGraph) -> None:
    (rel,) = uncertain_graph.relations.values()
    view = uncertain_graph.views.relation_view(rel)
    assert (view.start, view.end) == ("2007?", "2020-06-03%")
    assert uncertain_graph.views.relation_view(rel, Span.of("2013")).valid == "certain"
    assert EmbeddedStore(uncertain_graph).entity("aqim").start == "2007-01?"


def test_neo4j_properties_keep_the_qualifier(uncertain_graph: TemporalGraph) -> None:
    (rel,) = uncertain_graph.relations.values()
    props = relation_props(rel, uncertain_graph.intervals[rel.id])
    assert (props["startEdtf"], props["startApproximate"], props["startUncertain"]) == ("2007?", False, True)
    assert (props["endEdtf"], props["endApproximate"], props["endUncertain"]) == ("2020-06-03%", True, True)
    assert props["startPrecision"] == "year" and props["possibleFrom"].isoformat() == "2006-01-01"
    back = relation_from_props(props, rel.type, rel.subject, rel.object, uncertain_graph.schema)
    assert (back.start, back.end) == (rel.start, rel.end) and str(back.start) == "2007?"
    entity = uncertain_graph.entities["aqim"]
    back_entity = entity_from_props(entity_props(entity, uncertain_graph.schema), (), uncertain_graph.schema)
    assert back_entity.start == entity.start and str(back_entity.start) == "2007-01?"


def test_rdf_keeps_the_qualifier(uncertain_graph: TemporalGraph) -> None:
    data = Dataset(entities=list(uncertain_graph.entities.values()), relations=list(uncertain_graph.relations.values()))
    graph = to_rdf(data, uncertain_graph.schema).graph
    (rel,) = uncertain_graph.relations.values()
    interval = f"{relation_iri(rel.id)}/interval"
    assert instant_date(graph, URIRef(f"{interval}/start")) == rel.start
    assert str(instant_date(graph, URIRef(f"{interval}/end"))) == "2020-06-03%"
    assert len(list(graph.subjects(JKG.uncertain, None))) == 3  # the relation's start and end, aqim's start
    assert {str(o) for o in graph.objects(URIRef(f"{interval}/start"), None)} >= {"2007"}  # an xsd:gYear


def test_neo4j_admin_files_keep_the_qualifier(uncertain_graph: TemporalGraph, tmp_path: Path) -> None:
    export_neo4j_admin(uncertain_graph, tmp_path)
    with (tmp_path / "relations.csv").open(newline="") as f:
        (row,) = csv.DictReader(f)
    assert (row["startEdtf:string"], row["startUncertain:boolean"], row["startApproximate:boolean"]) == (
        "2007?", "true", "false")
    assert row["endEdtf:string"] == "2020-06-03%"
    assert PartialDate.parse(row["startEdtf:string"]) == QUALIFIED["start"]


def test_reader_keeps_the_qualifier_and_ids_stay(tmp_path: Path) -> None:
    (tmp_path / "data.yaml").write_text("""
sources:
  - {id: s1, publisher: P, date: 2020}
entities:
  - {id: a, type: MilitantGroup, names: [{text: A, kind: preferred, sources: [s1]}], sources: [s1]}
  - {id: b, type: Person, names: [{text: B, kind: preferred, sources: [s1]}], sources: [s1]}
relations:
  - {type: memberOf, subject: b, object: a, start: "2013?", status: confirmed, sources: [s1]}
  - {type: memberOf, subject: b, object: a, start: "2014~", end: "2015?", status: confirmed, sources: [s1]}
""")
    data, _ = read_dataset([tmp_path])
    first, second = data.relations
    assert (str(first.start), str(second.start), str(second.end)) == ("2013?", "2014~", "2015?")
    # a generated id spells any qualifier "approx", as it did when "?" was read as "~"
    assert (first.id, second.id) == ("memberOf--b--a--2013approx", "memberOf--b--a--2014approx")
