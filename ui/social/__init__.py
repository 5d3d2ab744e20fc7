"""Chat and safety panels for the shared world (issue 8)."""
