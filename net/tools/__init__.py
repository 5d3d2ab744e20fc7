"""Development tools of the network layer: the benchmarks (``bench``, ``citybench``, ``presence_bench``) and the
hostile clients they and the hostile tests play (``attack``).

Kept apart from the hub and client: no runtime module imports them and builds leave them out. ``python -m net.bench``
and ``python -m net.presence.bench`` forward here.
"""
