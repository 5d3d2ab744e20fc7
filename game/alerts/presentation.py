"""What the overlay, the voice and the signing avatar need to know about one alert, decided in one place.

Keeping this pure means the same decision (which info block, which level, which pictogram, which caption
pages) drives the desktop overlay, the XR panel, speech and signing, and can be tested without rendering.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.alerts.captions import Page, paginate
from game.alerts.levels import AlertLevel, level_for
from game.alerts.model import Alert, Info
from game.alerts.pictograms import pictogram_for


@dataclass(frozen=True, slots=True)
class Presentation:
    key: tuple[str, str]
    identifier: str
    level: AlertLevel
    language: str  # the info block's language tag as sent, e.g. "ko-KR"
    pictogram: str
    event: str
    sender_name: str
    caption_text: str
    pages: tuple[Page, ...]
    drill: str | None  # "Exercise" or "Test" when the alert is not real

    @property
    def lang(self) -> str:
        """Primary language subtag (``ko``, ``en``…) for voices and reading speed."""
        return self.language.split("-")[0].casefold()


def caption_text(info: Info) -> str:
    """Headline then what to do; the description stands in when there is no instruction."""
    head = info.headline or info.event
    body = info.instruction or info.description or ""
    return f"{head}\n{body}".strip()


def present(alert: Alert, info: Info, level: AlertLevel | str | None = None) -> Presentation:
    text = caption_text(info)
    return Presentation(
        key=alert.key,
        identifier=alert.identifier,
        level=level_for(info, level),
        language=info.language,
        pictogram=pictogram_for(info),
        event=info.event,
        sender_name=info.sender_name or alert.sender,
        caption_text=text,
        pages=paginate(text, info.language),
        drill=alert.status if alert.is_drill else None,
    )
