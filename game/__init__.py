"""The Metaverse Seoul world: geography, landmarks, scenes, rendering, XR and alert logic."""
