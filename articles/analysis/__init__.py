"""Plain-Python story analysis: companies, deal signals, stages, parties, amounts.

No Django import anywhere in this package, so it is tested and benchmarked on
strings alone.
"""
