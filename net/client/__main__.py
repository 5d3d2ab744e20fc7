"""``python -m net.client``: the city services without the 3D app (:mod:`net.client_cli`).

It runs the command-line client by name, as ``python -m`` does: the client package stays below the hub, which the
command's ``--embedded`` option starts, and importing ``net.client`` starts nothing.
"""

import runpy

if __name__ == "__main__":
    runpy.run_module("net.client_cli", run_name="__main__", alter_sys=True)
