"""``python -m net.bench``: a forwarder to the network benchmark, :mod:`net.tools.bench`.

The tool lives in its package's ``tools`` subpackage, apart from runtime code and left out of builds; this path
stays because the README, the Makefile (``make bench``), net/SCALING.md and issue 18 call it by this name. Importing
this module does nothing.
"""

import runpy

if __name__ == "__main__":
    runpy.run_module("net.tools.bench", run_name="__main__", alter_sys=True)
