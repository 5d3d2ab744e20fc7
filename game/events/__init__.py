"""Seoul's events in the app: the New Year's bell at Bosingak (issue 17).

The events model itself is ``net.events`` (the hub serves it); here are the bell's synthesized sound
(``bell_synth``, pure numpy; ``python -m game.events.bell`` writes it to WAV files), the client's estimate of the
hub's clock and the strike scheduler (``clock_sync``, pure), and the ceremony in the street (``ceremony``).
"""
