"""``python -m game.city.import_osm``: a forwarder to the OpenStreetMap import, :mod:`game.tools.import_osm`.

The tool lives in its package's ``tools`` subpackage, apart from runtime code and left out of builds (pyosmium is
an extra); this path is the command issue 15 names. Importing this module does nothing.
"""

import sys

if __name__ == "__main__":
    from game.tools.import_osm import main

    sys.exit(main(sys.argv[1:]))
