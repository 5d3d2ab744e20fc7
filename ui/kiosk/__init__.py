"""Kiosk views (DirectGUI): the attract loop's captions and start prompt, the offline badge, the request form."""
