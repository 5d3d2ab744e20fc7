"""The reservations desk scene: the wall calendar of the coming fortnight and photos of the bookable places,
rendered from the city itself (a camera in the district, once, into a texture)."""

from __future__ import annotations

import datetime as dt

from panda3d.core import Camera, CardMaker, NodePath, PerspectiveLens, Texture

from game import geo
from game.interiors import reservations
from game.scenes.room import Placement, RoomScene, label
from game.text import i18n
from net import clock

SCENE_ID = "reservations"
PLACEMENT = Placement(x=0.0, z=31.0)  # above the old building's clock tower
PHOTO_SIZE = (256, 160)
#: Facility id (as the hub knows it) → where its photo is taken from (landmark, camera and the point looked at,
#: in that landmark's metres: across its front, along its depth, height) and its opening hours.
FACILITIES = (
    ("seoul-plaza", "city-hall", (0.0, -42.0, 14.0), (0.0, -100.0, 0.0), (9, 21)),
    ("citizens-hall", "city-hall", (-25.0, -100.0, 3.0), (0.0, -10.0, 22.0), (9, 18)),
    ("seoul-library-seminar", "city-hall", (20.0, -62.0, 3.0), (0.0, -29.0, 8.0), (9, 18)),
)


class Reservations(RoomScene):
    @property
    def facilities(self) -> list[dict]:
        """The bookable places, shaped like the hub's ``facility.list`` (opening hours as the hub seeds them)."""
        return [{"facility_id": fid, "name_ko": i18n.text(f"civic.facility_{fid}", "ko"),
                 "name_en": i18n.text(f"civic.facility_{fid}", "en"), "open_hour": open_h, "close_hour": close_h}
                for fid, _, _, _, (open_h, close_h) in FACILITIES]

    def furnish(self) -> None:
        x, y, z = self.anchor("calendar")
        self.sign(label("civic.calendar_title"), (x + 0.05, y, z + 1.1), "+x", 0.17, name="calendar-title")
        today = clock.today_kst() if self.app.config.when is None else self.app.config.when.date()
        for k in range(reservations.CALENDAR_DAYS):
            day = today + dt.timedelta(days=k)
            col, row = k % 7, k // 7
            self.sign(lambda lang, d=day: f"{i18n.text('civic.weekdays', lang).split(',')[d.weekday()]}\n"
                      f"{d.month}/{d.day}", (x + 0.07, -2.4 + col * 0.8,
                      1.95 - row * 0.8 + 0.38), "+x", 0.12, name=f"day-{k}")
        x, y, z = self.anchor("counter_sign")
        self.sign(i18n.both("civic.reservations_title"), (x, y, z + 0.1), "-y", 0.13, name="desk-title")
        self._buffers = []
        for k, (fid, lid, eye, look, _) in enumerate(FACILITIES):
            tex = self._photo(lid, eye, look)
            px, py, pz = self.anchor(f"photo:{k}")
            card = self.room.attachNewNode(_card(1.9, 1.2))
            card.setPos(px - 0.01, py, pz - 0.6)
            card.setH(-90)
            card.setTexture(tex, 10)
            card.setLightOff(10)  # a photo shows its own light
            card.setShaderOff(10)
            self.sign(label(f"civic.facility_{fid}"), (px - 0.02, py, pz - 0.88), "-x", 0.13,
                      name=f"photo-caption-{k}")
        # Take the photos now, while City Hall's glass building still stands (the room hides it once loaded).
        self.app.base.graphicsEngine.renderFrame()

    def _photo(self, landmark_id: str, eye, look) -> Texture:
        """Render the district from ``eye`` towards ``look`` (metres relative to the landmark) into a texture."""
        base = self.app.base
        lm = self.app.landmarks[landmark_id]
        x, y = lm.local
        tex = Texture(f"photo-{landmark_id}")
        buf = base.win.makeTextureBuffer(f"photo-{landmark_id}", *PHOTO_SIZE, tex, to_ram=False)
        buf.setClearColor((0.55, 0.7, 0.9, 1))
        buf.setOneShot(True)
        lens = PerspectiveLens()
        lens.setFov(60, 40)
        lens.setNearFar(0.5, 2000)
        cam = NodePath(Camera(f"photo-cam-{landmark_id}", lens))
        cam.reparentTo(self.app.world)
        h = geo.heading_to_panda(lm.heading)
        frame = self.app.world.attachNewNode("photo-frame")
        frame.setPos(x, y, 0)
        frame.setH(h)
        cam.setPos(frame, *eye)
        cam.lookAt(frame, *look)
        frame.removeNode()
        dr = buf.makeDisplayRegion()
        dr.setCamera(cam)
        self._buffers.append((buf, cam))
        return tex

    def release(self) -> None:
        for buf, cam in getattr(self, "_buffers", []):
            self.app.base.graphicsEngine.removeWindow(buf)
            cam.removeNode()
        self._buffers = []
        super().release()


def _card(width: float, height: float):
    cm = CardMaker("photo")
    cm.setFrame(-width / 2, width / 2, 0, height)
    return cm.generate()


def create(app) -> Reservations:
    return Reservations(app, reservations.build(), PLACEMENT, SCENE_ID)
