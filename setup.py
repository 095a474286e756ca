"""Packaging: the repository's top-level folders are installed under one import name.

``ontology/`` becomes ``jkg.ontology``, ``graph/`` ``jkg.graph`` and so on; every
subpackage below them is discovered, never listed by hand. Everything else about the
distribution is in pyproject.toml.
"""

from setuptools import find_packages, setup

#: The folders installed as ``jkg.<folder>``.
ROOTS = ("ontology", "graph", "api", "cli")

setup(
    package_dir={f"jkg.{root}": root for root in ROOTS},
    packages=[f"jkg.{root}{'.' + sub if sub else ''}" for root in ROOTS for sub in ("", *find_packages(root))],
)
