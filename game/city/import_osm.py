"""``python -m game.city.import_osm``: a forwarder to the OpenStreetMap import, :mod:`game.tools.import_osm`.

The tool lives in its package's ``tools`` subpackage, apart from runtime code and left out of builds (pyosmium is
an extra); this path is the command issue 15 names.
It runs the tool by name, as ``python -m`` does: importing this module does nothing, and no runtime module
depends on the tool.
"""

import runpy

if __name__ == "__main__":
    runpy.run_module("game.tools.import_osm", run_name="__main__", alter_sys=True)
