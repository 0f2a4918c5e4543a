"""The test bed, not the product: replica government sites served on loopback, and the demo.

Used by `./dev demo` (`python -m testbed demo`), the tests and the benchmarks; never shipped
in the package (pyproject includes `crawler`, `spiders`, `pipelines` only). May import anything.
"""
