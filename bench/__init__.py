"""Benchmarks, run by hand (`python -m bench.updates`); not part of the test suite."""
