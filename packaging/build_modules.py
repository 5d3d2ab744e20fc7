"""Which modules an app build holds: the recorded run-time modules (``record_modules.py`` writes
``runtime-modules.json``) less the ones left out on purpose. Apart from ``build.py`` (which stages and freezes)
and ``buildcheck.py`` (which checks the output) so both read one rule and neither imports the other.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXCLUDED_MODULES = ("openxr", "openxr.*", "game.xr", "game.xr.*", "pyttsx3", "pyttsx3.*", "pytest", "hypothesis",
                    "ruff", "tkinter", "curses", "_curses",
                    # each package's development and ops tools (benchmarks, soak run, bake): never in an app
                    "game.tools", "game.tools.*", "net.tools", "net.tools.*", "ui.tools", "ui.tools.*",
                    # PostgreSQL is the city deployment's store (``pip install .[city]``), never a desktop's or kiosk's
                    "psycopg", "psycopg.*", "psycopg_binary", "psycopg_binary.*", "psycopg_pool", "psycopg_pool.*",
                    "psycopg_c", "psycopg_c.*",
                    # the relays' broker client, likewise the city's alone
                    "redis", "redis.*", "hiredis", "hiredis.*",
                    # PDF slides (``pip install .[pdf]``): no wheel for every target; a build refuses a named PDF
                    "pypdfium2", "pypdfium2.*", "pypdfium2_raw", "pypdfium2_raw.*")
RUNTIME_MODULES = HERE / "runtime-modules.json"


def excluded(name: str) -> bool:
    """Whether ``name`` falls under :data:`EXCLUDED_MODULES` (``pkg.*`` patterns cover the package's children)."""
    return any(name == pattern or (pattern.endswith(".*") and name.startswith(pattern[:-1]))
               for pattern in EXCLUDED_MODULES)


def runtime_modules() -> dict[str, str]:
    """The modules the app imported in the recorded Linux runs (``record_modules.py``), name → kind, less the
    ones left out of the build on purpose."""
    doc = json.loads(RUNTIME_MODULES.read_text(encoding="utf-8"))
    return {name: kind for name, kind in doc["modules"].items() if not excluded(name)}
