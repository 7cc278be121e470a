"""Performance benchmarks for pasokh: `python -m benchmarks.run [--quick] [--out DIR]`.

Benchmarks are not tests: nothing here gates CI on timings. Every figure in the report says
what it measured, over how many items, with how many threads, and the machine's load average.
"""
