"""Panels of the economy and education spaces."""
