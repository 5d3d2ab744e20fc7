"""``python -m game.life.bench``: a forwarder to the city-life benchmark, :mod:`game.tools.life_bench`.

The tool lives in its package's ``tools`` subpackage, apart from runtime code and left out of builds; this path
stays because the README, the Makefile (``make bench``) and issue 19 call it by this name. Importing this module
does nothing.
"""

import sys

if __name__ == "__main__":
    from game.tools.life_bench import main

    sys.exit(main(sys.argv[1:]))
