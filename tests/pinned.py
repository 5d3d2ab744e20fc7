"""The instants rendering tests pin (issue 11: no test result may depend on the hour it runs at).

DAY and NIGHT are the pair a test is parametrized over where its result should hold at any hour.
"""

from __future__ import annotations

import datetime as dt

KST = dt.timezone(dt.timedelta(hours=9), "KST")
DAY = "2026-05-15T11:00+09:00"
NIGHT = "2026-12-02T22:00+09:00"
DAY_DT = dt.datetime.fromisoformat(DAY)
NIGHT_DT = dt.datetime.fromisoformat(NIGHT)
