"""Main-loop task order, in one place: network poll → alert policy → world logic → UI → XR → render.

Panda3D's own render task (igLoop) runs at sort 50 and simplepbr's update at 49, so ours sit below.
"""

NET_POLL = 10
ALERT_POLICY = 20
WORLD = 30
UI = 40
XR_SYNC = 45
LEVEL_OF_DETAIL = 47  # after the camera moved (world logic, XR sync), before the render
SHADOW_MAP = 48  # after everything that moves the sun or the focus, before simplepbr (49) and igLoop
XR_SUBMIT = 55  # after Panda3D has drawn the eyes (igLoop, sort 50)
BACKGROUND = 60  # start-up work sliced between frames, after the frame it follows has been drawn
