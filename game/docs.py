"""``python -m game.docs``: a forwarder to the landmark pictures for the docs, :mod:`game.tools.docs`.

The tool lives in its package's ``tools`` subpackage, apart from runtime code and left out of builds; this path
stays because the README and the Makefile (``make docs``) call it by this name.
It runs the tool by name, as ``python -m`` does: importing this module does nothing, and no runtime module
depends on the tool.
"""

import runpy

if __name__ == "__main__":
    runpy.run_module("game.tools.docs", run_name="__main__", alter_sys=True)
