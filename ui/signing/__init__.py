"""The signing avatar (procedural Panda3D geometry) and its picture-in-picture panel."""
