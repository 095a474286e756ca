"""The REST API for analysts (FastAPI) and the explorer page: settings, the store it
serves, a router per resource, RFC 9457 problems. May import the graph and the ontology.
"""
