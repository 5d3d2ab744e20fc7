"""Other visitors in the world (issue 8): avatar geometry and looks, safe-use rules, chat log, the presence task."""
