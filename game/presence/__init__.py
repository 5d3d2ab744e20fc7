"""Presence in the app: the task that sends and draws the visitors of the street and the rooms, and its wiring."""
