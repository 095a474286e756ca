"""Imports of official lists and other outside material (see README.md here): each
importer reads its input with hardened parsers, resolves records against the graph,
and writes reviewed seed data that validates like any other file.

May import every room of the graph except the stores' internals; never the API.
"""
