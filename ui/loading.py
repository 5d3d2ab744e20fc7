"""Loading screen: what is being prepared, as text and a bar, in the window and on the terminal."""

from __future__ import annotations

import sys

from panda3d.core import CardMaker, NodePath, TextNode

from game.text import i18n


class LoadingView:
    def __init__(self, parent: NodePath, font, lang: str):
        self.lang = lang
        self.root = parent.attachNewNode("loading")
        cm = CardMaker("loading-bg")
        cm.setFrame(-2, 2, -1, 1)
        bg = self.root.attachNewNode(cm.generate())
        bg.setColor(0.06, 0.07, 0.1, 1)
        bg.setBin("fixed", 0)
        title = TextNode("loading-title")
        if font is not None:
            title.setFont(font)
        title.setAlign(TextNode.ACenter)
        title.setText(f"{i18n.text('app.title', lang)}\n{i18n.text('app.tagline', lang)}")
        title.setTextColor(1, 1, 1, 1)
        t = self.root.attachNewNode(title)
        t.setScale(0.1)
        t.setPos(0, 0, 0.25)
        t.setBin("fixed", 1)
        self.label = TextNode("loading-label")
        if font is not None:
            self.label.setFont(font)
        self.label.setAlign(TextNode.ACenter)
        self.label.setTextColor(0.92, 0.92, 0.92, 1)
        lab = self.root.attachNewNode(self.label)
        lab.setScale(0.055)
        lab.setPos(0, 0, -0.25)
        lab.setBin("fixed", 1)
        cm.setFrame(0, 1, -0.012, 0.012)
        self.bar = self.root.attachNewNode(cm.generate())
        self.bar.setPos(-0.6, 0, -0.35)
        self.bar.setColor(0.95, 0.75, 0.2, 1)
        self.bar.setBin("fixed", 2)
        self.bar.setSx(0.001)

    def show(self, key: str, done: int, total: int, name: str) -> None:
        """Update the text and bar, and echo the line to the terminal."""
        line = i18n.text(key, self.lang, done=done, total=total, name=name)
        self.label.setText(line)
        self.bar.setSx(max(0.001, 1.2 * done / max(total, 1)))
        print(line, file=sys.stderr, flush=True)

    def destroy(self) -> None:
        self.root.removeNode()
