"""Korean Sign Language for alerts, pure parts: the gloss lexicon, templates and finger alphabet (data in
``assets/ksl``), arm IK, and the solver that turns a gloss sequence into timed joint angles. The avatar that
shows them lives in :mod:`ui.signing`."""
