"""Benchmarks at scale: a synthetic data generator and the benchmark runner (``python -m bench.run``)."""
