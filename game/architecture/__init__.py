"""Procedural Korean timber-frame architecture kit: pure numpy meshes, no Panda3D."""
