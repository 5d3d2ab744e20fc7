"""Tests of the emergency-alert model, presentation and CLI contract (issue 3)."""
