"""DirectGUI panels for the civic rooms: one keyboard/mouse/touch panel type, screens built from it."""
