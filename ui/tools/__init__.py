"""Development tools of the interface layer: the remote-avatar benchmark (``avatars_bench``, also the crowd that
``game.tools.bench`` draws). Left out of builds; ``python -m ui.avatars.bench`` forwards here.
"""
