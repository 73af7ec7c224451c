"""Benchmarks on synthetic programmes (never the real database): bench.generate and bench.run."""
