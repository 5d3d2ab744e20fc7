"""``python -m game.docs``: a forwarder to the landmark pictures for the docs, :mod:`game.tools.docs`.

The tool lives in its package's ``tools`` subpackage, apart from runtime code and left out of builds; this path
stays because the README and the Makefile (``make docs``) call it by this name. Importing this module does nothing.
"""

import sys

if __name__ == "__main__":
    from game.tools.docs import main

    sys.exit(main(sys.argv[1:]))
