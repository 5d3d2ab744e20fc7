"""Entry point of the packaged app (copied to the build stage as ``metaverse_seoul.py``).

Two things differ from ``python main.py`` in a frozen build, and are fixed here before the app is imported:

* Modules find their data next to their own ``__file__`` (``assets/``, ``shaders/``). Python 3.11 gives a
  frozen module a ``__file__`` under the *build machine's* standard-library directory, so the app's own
  packages get one under the executable's directory instead, where ``build_apps`` put ``assets/`` and
  ``shaders/``.
* Tracebacks in the kiosk logs and ``inspect.getsource`` need the frozen modules' source (the material cache
  key falls back to compiled code without it), and ``build_apps`` replaces ``linecache`` with a stub that knows
  no lines. The build ships the app's ``.py`` files
  beside the executable; the frozen importer's ``get_source`` and ``linecache.getlines`` serve them from there.
* ``certifi.where()`` (imported by ``requests``) reads its CA bundle through ``importlib.resources``, which has
  no files in a frozen app; ``build_apps`` copies ``cacert.pem`` beside the executable, so certifi is told so.
* ``multiprocessing`` (the speech worker is ``spawn``-started) re-runs the executable for each child; the child
  must run its task, not the app (``_run_multiprocessing_child``).
* A packaged app cannot rely on the system's fonts: ``MSEOUL_FONT`` points at the bundled NanumGothic (OFL,
  see ``licenses/``) unless the operator set a house font.
"""

import os
import sys
from pathlib import Path

APP_DIR = Path(sys.executable).resolve().parent
APP_PACKAGES = ("main", "game", "ui", "net")
TRACKER_COMMAND = "from multiprocessing.resource_tracker import main;main("


def _source_path(fullname: str, package: bool) -> Path:
    parts = fullname.split(".")
    return APP_DIR.joinpath(*parts, "__init__.py") if package else APP_DIR.joinpath(*parts[:-1], parts[-1] + ".py")


def _relocate_frozen_modules() -> None:
    from _frozen_importlib import FrozenImporter

    original_find, original_source = FrozenImporter.find_spec, FrozenImporter.get_source
    packages: dict[str, bool] = {}

    def find_spec(fullname, path=None, target=None):
        spec = original_find(fullname, path, target)
        if spec is not None and fullname.split(".")[0] in APP_PACKAGES:
            packages[fullname] = spec.submodule_search_locations is not None
            filename = _source_path(fullname, packages[fullname])
            spec.origin, spec.has_location = str(filename), True
            state = getattr(spec, "loader_state", None)
            if state is not None and hasattr(state, "filename"):
                state.filename = str(filename)
        return spec

    def get_source(fullname):
        if fullname in packages:
            try:
                return _source_path(fullname, packages[fullname]).read_text(encoding="utf-8")
            except OSError:
                return None
        return original_source(fullname)

    def getlines(filename, module_globals=None):
        name = (module_globals or {}).get("__name__", filename)
        source = get_source(name) if name in packages else None
        return source.splitlines(keepends=True) if source else []

    import linecache

    FrozenImporter.find_spec = find_spec
    FrozenImporter.get_source = get_source
    linecache.getlines = getlines


def _point_certifi_at_bundle() -> None:
    bundle = APP_DIR / "cacert.pem"
    if bundle.is_file():
        import certifi.core

        certifi.core._CACERT_PATH = str(bundle)


def _run_multiprocessing_child() -> None:
    """Be a ``spawn`` child instead of the app when started as one (the speech worker; its resource tracker).

    A frozen app is its own interpreter: ``multiprocessing`` starts it with ``--multiprocessing-fork`` for a
    worker, and with ``-c "from multiprocessing.resource_tracker import main;main(FD)"`` for the tracker it
    needs on POSIX. The standard ``multiprocessing.freeze_support()`` handles the first on Windows only.
    """
    from multiprocessing import spawn

    spawn.freeze_support()  # runs the child and exits when argv[1] is --multiprocessing-fork
    if sys.argv[1:2] == ["-c"] and len(sys.argv) > 2 and sys.argv[2].startswith(TRACKER_COMMAND):
        from multiprocessing import resource_tracker

        resource_tracker.main(int(sys.argv[2][len(TRACKER_COMMAND):].rstrip(")")))
        sys.exit()


if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        _relocate_frozen_modules()
        _point_certifi_at_bundle()
        _run_multiprocessing_child()
    font = APP_DIR / "assets" / "fonts" / "NanumGothic.ttf"
    if "MSEOUL_FONT" not in os.environ and font.is_file():
        os.environ["MSEOUL_FONT"] = str(font)
    from main import main

    sys.exit(main())
