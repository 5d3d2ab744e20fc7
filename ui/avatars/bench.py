"""``python -m ui.avatars.bench``: a forwarder to the remote-avatar benchmark, :mod:`ui.tools.avatars_bench`.

The tool lives in its package's ``tools`` subpackage, apart from runtime code and left out of builds; this path
stays because the README and issue 17 call it by this name.
It runs the tool by name, as ``python -m`` does: importing this module does nothing, and no runtime module
depends on the tool.
"""

import runpy

if __name__ == "__main__":
    runpy.run_module("ui.tools.avatars_bench", run_name="__main__", alter_sys=True)
