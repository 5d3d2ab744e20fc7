"""Colours and sizes shared by every panel; high contrast (WCAG AAA, ≥ 7:1) by default."""

PANEL_BG = (0.05, 0.06, 0.09, 0.92)
TEXT = (1.0, 1.0, 1.0, 1.0)
TEXT_DIM = (0.85, 0.87, 0.9, 1.0)
ACCENT = (1.0, 0.8, 0.25, 1.0)
HIGHLIGHT_BG = (0.95, 0.78, 0.2, 1.0)
HIGHLIGHT_TEXT = (0.05, 0.05, 0.08, 1.0)
TEXT_SCALE = 0.05
