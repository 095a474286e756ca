"""Coverage: founding, top-post holders and the open questions of each group the graph follows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jkg.graph.pipeline import load_graph
from jkg.graph.queries.coverage import coverage

DATA = """
sources:
  - {id: old, publisher: P, date: 2011}
  - {id: new, publisher: P, date: 2026-01}
entities:
  - {id: front, type: MilitantGroup, names: [{text: Front, kind: preferred, sources: [old]}], start: 2000,
     sources: [old]}
  - {id: noted, type: MilitantGroup, names: [{text: Noted, kind: preferred, sources: [old]}], start: 2001,
     note: the sources fall silent after 2012, sources: [old]}
  - {id: state, type: StateBody, names: [{text: State, kind: preferred, sources: [old]}], sources: [old]}
  - {id: a, type: Person, names: [{text: A, kind: preferred, sources: [old]}], sources: [old]}
  - {id: b, type: Person, names: [{text: B, kind: preferred, sources: [old]}], sources: [old]}
  - {id: c, type: Person, names: [{text: C, kind: preferred, sources: [new]}], sources: [new]}
relations:
  - {type: leaderOf, subject: a, object: front, post: emir, start: 2000, end: 2003, status: confirmed, sources: [old]}
  - {type: leaderOf, subject: b, object: front, post: emir, start: 2010, status: reported, sources: [old]}
  - {type: leaderOf, subject: c, object: noted, post: emir, start: 2012, status: reported, sources: [new]}
  - {type: leaderOf, subject: a, object: state, post: head, start: 2000, status: reported, sources: [old]}
"""


def test_coverage_names_holders_gaps_and_silences(tmp_path: Path) -> None:
    (tmp_path / "data.yaml").write_text(DATA, encoding="utf-8")
    rows = {r.id: r for r in coverage(load_graph([tmp_path], prepare=False), today=dt.date(2026, 12, 5))}
    assert set(rows) == {"front", "noted"}  # a state body is not a group the graph follows
    front = rows["front"]
    assert (front.founded, front.leaders, front.last_leader, front.last_leader_since) == ("2000", 2, "b", "2010")
    assert front.latest_fact == "2010"
    assert front.questions == [
        "no known holder of its top post from 2003 to 2010",
        "b: no source on the tenure after 2011, and no note",
        "latest fact 2010, and no note saying why",
    ]
    noted = rows["noted"]
    assert noted.noted and noted.last_leader == "c"
    assert noted.questions == ["no known holder of its top post from 2001 to 2012"]
