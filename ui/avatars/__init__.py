"""Panda3D nodes for other visitors' avatars (geometry from ``game.social.avatar_mesh``)."""
