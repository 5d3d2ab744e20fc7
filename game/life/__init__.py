"""City life (issue 16): pedestrians, signals and traffic on the district's streets.

The simulation modules are pure (numpy only) and deterministic for a seed and a clock; ``render`` draws them
with instanced geometry and ``install`` is the one entry point the app uses.
"""
