"""``python -m game.alerts.bench``: a forwarder to the alert benchmark, :mod:`game.tools.alerts_bench`.

The tool lives in its package's ``tools`` subpackage, apart from runtime code and left out of builds; this path
stays because the README, the Makefile (``make bench``) and the alert tests call it by this name. Importing this
module does nothing.
"""

import runpy

if __name__ == "__main__":
    runpy.run_module("game.tools.alerts_bench", run_name="__main__", alter_sys=True)
