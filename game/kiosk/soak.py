"""``python -m game.kiosk.soak``: a forwarder to the kiosk soak run, :mod:`game.tools.soak`.

The tool lives in its package's ``tools`` subpackage, apart from runtime code and left out of builds; this path
stays because the README and packaging/README.md call it by this name. Importing this module does nothing.
"""

import sys

if __name__ == "__main__":
    from game.tools.soak import main

    sys.exit(main(sys.argv[1:]))
