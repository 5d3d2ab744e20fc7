"""Scenes: each owns and releases its nodes, tasks and event hooks."""
