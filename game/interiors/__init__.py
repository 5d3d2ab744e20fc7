"""Procedural interiors for the civic spaces: pure numpy room builders (see kit.py)."""
