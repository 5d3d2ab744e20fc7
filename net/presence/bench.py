"""``python -m net.presence.bench``: a forwarder to the presence benchmark, :mod:`net.tools.presence_bench`.

The tool lives in its package's ``tools`` subpackage, apart from runtime code and left out of builds; this path
stays because the README and net/SCALING.md call it by this name. Importing this module does nothing.
"""

import sys

if __name__ == "__main__":
    from net.tools.presence_bench import main

    sys.exit(main(sys.argv[1:]))
