"""Kiosk mode for tourist sites: operator settings, idle timeout and visit wipe, attract loop, alert feed, heartbeat
and watchdog, the exhibit self-check (the soak run is an ops tool: ``game.tools.soak``). The pure parts (settings,
idle, visit, attract script, heartbeat, supervisor policy) import no engine so they are tested without rendering;
:mod:`game.kiosk.session` wires them to the app.
"""
