"""A tiny made-up graph for the queries' docstring examples.

The examples show what a query does, not what the seed data says: they run on this
graph, so that a fix to the seed data never breaks the engine's documentation. It is
read and checked as any data file is, from :data:`EXAMPLE_DATA`:

* the Old Front (1990) was renamed the Example Front in 1998 (``successorOf``);
* three emirs: the First Emir led the Old Front from 1994 and the Example Front (across the
  renaming) until 2004, the Second Emir from 2004-06 until he was killed on 2020-06-03, the
  Third Emir from 2020-11 (a stated succession), after being the deputy emir from 2015;
* the Rival Band is the Example Front's rival from 2015 (``rivalOf``, symmetric);
* the Example Front is based in Aïn Mithal.

Examples
--------
>>> tg = example_graph()
>>> sorted(tg.entities)[:3], len(tg.relations)
(['ain-mithal', 'example-front', 'first-emir'], 10)
"""

from __future__ import annotations

from functools import cache

from jkg.graph.dataset.model import Dataset
from jkg.graph.dataset.reader import Terms, read_file
from jkg.graph.dataset.validate import check_dataset
from jkg.graph.engine.temporal import TemporalGraph, build_graph
from jkg.graph.exceptions import DataValidationError
from jkg.ontology.schema import load_schema

__all__ = ["EXAMPLE_DATA", "example_graph"]

#: The example graph as a data file.
EXAMPLE_DATA = """
sources:
  - {id: monitor, publisher: Example Monitor, date: 2021-01, title: A made-up report, reliability: B}
entities:
  - id: old-front
    type: MilitantGroup
    names:
      - {text: Old Front, kind: preferred, lang: en, sources: [monitor]}
      - {text: OF, kind: acronym, lang: en, sources: [monitor]}
    start: 1990
    end: 1998
    sources: [monitor]
  - id: example-front
    type: MilitantGroup
    names:
      - {text: Example Front, kind: preferred, lang: en, sources: [monitor]}
      - {text: Front Exemple, kind: alias, lang: fr, sources: [monitor]}
    start: 1998
    sources: [monitor]
  - id: rival-band
    type: MilitantGroup
    names: [{text: Rival Band, kind: preferred, lang: en, sources: [monitor]}]
    start: 2012
    sources: [monitor]
  - id: first-emir
    type: Person
    names:
      - {text: First Emir, kind: preferred, sources: [monitor]}
      - {text: Abou Wahid, kind: kunya, sources: [monitor]}
    sources: [monitor]
  - id: second-emir
    type: Person
    names: [{text: Second Emir, kind: preferred, sources: [monitor]}]
    end: 2020-06-03
    sources: [monitor]
  - id: third-emir
    type: Person
    names: [{text: Third Emir, kind: preferred, sources: [monitor]}]
    sources: [monitor]
  - id: ain-mithal
    type: City
    names: [{text: Aïn Mithal, kind: preferred, sources: [monitor]}]
    sources: [monitor]
  - id: killing-second-emir
    type: Killing
    names: [{text: Killing of the Second Emir, kind: preferred, lang: en, sources: [monitor]}]
    start: 2020-06-03
    sources: [monitor]
relations:
  - {type: successorOf, subject: example-front, object: old-front, start: 1998, status: confirmed, sources: [monitor]}
  - {type: leaderOf, subject: first-emir, object: old-front, post: emir, start: 1994, end: 1998,
     status: confirmed, sources: [monitor]}
  - {type: leaderOf, subject: first-emir, object: example-front, post: emir, start: 1998, end: 2004,
     status: confirmed, sources: [monitor]}
  - {type: leaderOf, subject: second-emir, object: example-front, post: emir, start: 2004-06, end: 2020-06-03,
     status: confirmed, sources: [monitor]}
  - {type: deputyOf, subject: third-emir, object: example-front, post: deputyEmir, start: 2015, end: 2020-11,
     status: reported, sources: [monitor]}
  - {type: leaderOf, subject: third-emir, object: example-front, post: emir, start: 2020-11,
     status: confirmed, sources: [monitor]}
  - {type: succeeded, subject: third-emir, object: second-emir, post: emir, organization: example-front, start: 2020-11,
     status: confirmed, sources: [monitor]}
  - {type: killedIn, subject: second-emir, object: killing-second-emir, start: 2020-06-03,
     status: confirmed, sources: [monitor]}
  - {type: rivalOf, subject: rival-band, object: example-front, start: 2015, status: reported, sources: [monitor]}
  - {type: basedIn, subject: example-front, object: ain-mithal, start: 2007, status: reported, sources: [monitor]}
"""


@cache
def example_graph() -> TemporalGraph:
    """The example graph, read and checked from :data:`EXAMPLE_DATA` (built once, shared: do not change it).

    Raises
    ------
    DataValidationError
        If the example data no longer fits the ontology.

    Examples
    --------
    >>> example_graph().entity("example-front").name
    'Example Front'
    """
    schema = load_schema()
    read = read_file("jkg.graph.queries.examples", EXAMPLE_DATA.encode(), Terms.of(schema))
    data = Dataset(sources=read.sources, entities=read.entities, relations=read.relations, files=[read.file],
                   version="examples")
    problems = read.problems or check_dataset(data, schema)
    if problems:
        raise DataValidationError(problems)
    return build_graph(data, schema, data.version)
