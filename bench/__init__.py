"""Benchmarks and the extraction eval; the eval gate test imports `bench.extraction_eval`."""
