"""Alert presentation in Panda3D: the per-level overlay, its controller (sound, keys, hooks) and pixel measures."""
