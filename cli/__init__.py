"""The ``jkg`` command line (typer + rich). May import the graph, the API and the ontology."""
