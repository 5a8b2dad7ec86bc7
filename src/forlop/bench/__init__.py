"""Benchmarks at national scale (``forlop bench``).

Seeded synthetic data is bulk-loaded, then each figure is measured next to the same
work done the naive way in the same run, so ratios survive noisy machines.
"""
