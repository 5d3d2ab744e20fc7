"""``python -m game.civic.bench``: a forwarder to the civic rooms' benchmark, :mod:`game.tools.civic_bench`.

The tool lives in its package's ``tools`` subpackage, apart from runtime code and left out of builds; this path
stays because the README call it by this name. Importing this module does nothing.
"""

import sys

if __name__ == "__main__":
    from game.tools.civic_bench import main

    sys.exit(main(sys.argv[1:]))
