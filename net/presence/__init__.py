"""Shared presence: who else is here, where, and what they say (issue 8). See ``net/PROTOCOL.md``, "Presence"."""
