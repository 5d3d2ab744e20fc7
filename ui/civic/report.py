"""What the visitor is about to report in the opinion box, and why. Pure (no Panda3D), so the choice is tested alone.

Reporting needs two choices a pointer would make by clicking a post and a menu entry; on a keyboard, a kiosk or a
VR laser each is one button that steps through its options with Enter: the target (the chosen proposal, then
each comment shown under it) and the reason (the protocol's closed list). A new proposal resets the target.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.text import i18n
from net.protocol import OPINION_REPORT_REASONS

EXCERPT = 20


@dataclass(frozen=True)
class Target:
    kind: str  # "proposal" or "comment", as net.protocol.OPINION_ITEMS
    item_id: int
    text: str


@dataclass
class ReportChoice:
    targets: list[Target] = field(default_factory=list)
    at: int = 0
    reason_at: int = 0

    def offer(self, proposal: dict, comments: list[dict]) -> None:
        """The proposal on screen and the comments shown under it; hidden ones are already under review."""
        self.targets = [Target("proposal", proposal["proposal_id"], proposal["title"])]
        self.targets += [Target("comment", c["comment_id"], c["text"]) for c in comments if not c.get("hidden")]
        self.at = 0

    def clear(self) -> None:
        self.targets, self.at = [], 0

    @property
    def target(self) -> Target | None:
        return self.targets[self.at] if self.targets else None

    @property
    def reason(self) -> str:
        return OPINION_REPORT_REASONS[self.reason_at]

    def next_target(self) -> None:
        if self.targets:
            self.at = (self.at + 1) % len(self.targets)

    def next_reason(self) -> None:
        self.reason_at = (self.reason_at + 1) % len(OPINION_REPORT_REASONS)

    def target_label(self, lang: str) -> str:
        t = self.target
        if t is None:
            return i18n.text("civic.report_target_none", lang)
        if t.kind == "proposal":
            return i18n.text("civic.report_target_proposal", lang, proposal_id=t.item_id)
        excerpt = t.text[:EXCERPT].rstrip() + ("…" if len(t.text) > EXCERPT else "")
        return i18n.text("civic.report_target_comment", lang, text=excerpt)

    def reason_label(self, lang: str) -> str:
        return i18n.text("civic.report_reason", lang, reason=i18n.text(f"civic.reason_{self.reason}", lang))
