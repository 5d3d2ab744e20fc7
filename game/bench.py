"""``python -m game.bench``: a forwarder to the client benchmark, :mod:`game.tools.bench`.

The tool lives in its package's ``tools`` subpackage, apart from runtime code and left out of builds; this path
stays because the README, the Makefile (``make bench``) and issues 12–20 call it by this name. Importing this module
does nothing.
"""

import sys

if __name__ == "__main__":
    from game.tools.bench import main

    sys.exit(main(sys.argv[1:]))
