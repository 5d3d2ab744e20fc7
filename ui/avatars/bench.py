"""``python -m ui.avatars.bench``: a forwarder to the remote-avatar benchmark, :mod:`ui.tools.avatars_bench`.

The tool lives in its package's ``tools`` subpackage, apart from runtime code and left out of builds; this path
stays because the README and issue 17 call it by this name. Importing this module does nothing.
"""

import sys

if __name__ == "__main__":
    from ui.tools.avatars_bench import main

    sys.exit(main(sys.argv[1:]))
