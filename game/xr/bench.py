"""``python -m game.xr.bench``: a forwarder to the headset benchmark, :mod:`game.tools.xr_bench`.

The tool lives in its package's ``tools`` subpackage, apart from runtime code and left out of builds; this path
stays because the README call it by this name. Importing this module does nothing.
"""

import sys

if __name__ == "__main__":
    from game.tools.xr_bench import main

    sys.exit(main(sys.argv[1:]))
