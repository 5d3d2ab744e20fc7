"""``python -m game.civic.bench``: a forwarder to the civic rooms' benchmark, :mod:`game.tools.civic_bench`.

The tool lives in its package's ``tools`` subpackage, apart from runtime code and left out of builds; this path
stays because the README call it by this name.
It runs the tool by name, as ``python -m`` does: importing this module does nothing, and no runtime module
depends on the tool.
"""

import runpy

if __name__ == "__main__":
    runpy.run_module("game.tools.civic_bench", run_name="__main__", alter_sys=True)
