"""Landmarks: the catalogue (a data file) and where each one stands in the world."""
