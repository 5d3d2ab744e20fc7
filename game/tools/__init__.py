"""Development and operations tools of the client: benchmarks (``bench``, ``alerts_bench``, ``civic_bench``,
``life_bench``, ``xr_bench``), the kiosk soak run (``soak``), the signing preview and coverage report
(``signing_preview``, ``signing_coverage``), the docs pictures (``docs``) and the build's landmark bake (``bake``).

Kept apart from runtime code: no runtime module imports them, builds leave them out (``packaging/build.py``) and
``--self-check`` does not import them. Their public command lines keep their old names through small forwarders
(``python -m game.bench`` runs :mod:`game.tools.bench`). What ships with a kiosk stays runtime: the watchdog, the
exhibit self-check and ``main.py --self-check``.
"""
