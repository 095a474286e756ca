"""Changes between two dates: what began, ended or changed, on the example graph and the seed data."""

from __future__ import annotations

import pytest

from jkg.graph.exceptions import BadParameterError, NotFoundError
from jkg.graph.pipeline import load_graph
from jkg.graph.queries.changes import changes
from jkg.graph.queries.examples import example_graph


def test_the_time_rule_decides() -> None:
    found = changes(example_graph(), "2010", "2021")
    began = [(r.type, r.subject.id) for r in found.began]
    assert began == [("deputyOf", "third-emir"), ("rivalOf", "rival-band"), ("killedIn", "second-emir"),
                     ("leaderOf", "third-emir"), ("succeeded", "third-emir")]
    # the deputy post held from 2015 to 2020-11 began and ended between the dates
    assert [(r.type, r.subject.id) for r in found.ended] == [("leaderOf", "second-emir"), ("deputyOf", "third-emir")]
    assert found.ended[0].valid == "certain"  # as of the first date
    assert [e.id for e in found.entities_began] == ["rival-band", "killing-second-emir"]  # an event happened
    assert [e.id for e in found.entities_ended] == ["second-emir"]
    assert (found.from_date, found.to_date) == ("2010", "2021")


def test_certain_at_one_date_and_possible_at_the_other_changed() -> None:
    found = changes(example_graph(), "2004", "2010")
    assert [(r.subject.id, r.valid) for r in found.changed] == [("second-emir", "certain")]
    assert [r.subject.id for r in found.ended] == ["first-emir"]
    assert changes(example_graph(), "2010", "2012").changed == []


def test_every_relation_carries_dates_status_and_sources() -> None:
    found = changes(example_graph(), "1990", "2021")
    for view in [*found.began, *found.ended, *found.changed]:
        assert view.status and view.sources and view.valid in ("certain", "possible")
        assert view.start is not None


def test_around_an_entity_keeps_its_neighborhood() -> None:
    found = changes(example_graph(), "1995", "2021", around="old-front")
    ids = {r.subject.id for r in found.began} | {r.object.id for r in found.began}
    assert ids <= {"old-front", "example-front", "first-emir"}
    assert [e.id for e in found.entities_began] == ["example-front"]
    assert [e.id for e in found.entities_ended] == ["old-front"]
    wider = changes(example_graph(), "1995", "2021", around="old-front", depth=2)
    assert len(wider.began) > len(found.began)


@pytest.mark.parametrize(("kwargs", "error", "concept"), [
    ({"start": "2012-02-30", "end": "2018"}, BadParameterError, "from"),
    ({"start": "2018", "end": "2012"}, BadParameterError, "to"),
    ({"start": "2012", "end": None}, BadParameterError, "to"),
    ({"start": None, "end": "2012"}, BadParameterError, "from"),
    ({"start": "2012", "end": "2018", "depth": 4}, BadParameterError, "depth"),
])
def test_parameters_are_checked_first(kwargs: dict[str, object], error: type[Exception], concept: str) -> None:
    with pytest.raises(error) as raised:
        changes(example_graph(), **kwargs)  # type: ignore[arg-type]
    assert getattr(raised.value, "concept", None) == concept


def test_unknown_entity() -> None:
    with pytest.raises(NotFoundError):
        changes(example_graph(), "2012", "2018", around="nobody")


def test_the_jnim_merger_began_around_aqim() -> None:
    found = changes(load_graph(), "2012", "2018", around="aqim")
    merged = [r for r in found.began if r.type == "mergedInto" and r.object.id == "jnim"]
    assert merged and all(r.start == "2017-03-02" for r in merged)
    assert "jnim" in [e.id for e in found.entities_began]
    starts = [r.start for r in found.began if r.start]
    assert starts.index("2017-03-02") > starts.index("2013-08")  # by day
    assert not {r.id for r in found.began} & {r.id for r in found.changed}
