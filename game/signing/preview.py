"""``python -m game.signing.preview``: a forwarder to the signing preview, :mod:`game.tools.signing_preview`.

The tool lives in its package's ``tools`` subpackage, apart from runtime code and left out of builds; this path
stays because the README and assets/ksl/README.md call it by this name. Importing this module does nothing.
"""

import sys

if __name__ == "__main__":
    from game.tools.signing_preview import main

    sys.exit(main(sys.argv[1:]))
