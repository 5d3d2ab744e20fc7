"""``python -m game.life.bench``: a forwarder to the city-life benchmark, :mod:`game.tools.life_bench`.

The tool lives in its package's ``tools`` subpackage, apart from runtime code and left out of builds; this path
stays because the README, the Makefile (``make bench``) and issue 19 call it by this name.
It runs the tool by name, as ``python -m`` does: importing this module does nothing, and no runtime module
depends on the tool.
"""

import runpy

if __name__ == "__main__":
    runpy.run_module("game.tools.life_bench", run_name="__main__", alter_sys=True)
