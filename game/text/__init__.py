"""Pure text tools for Korean input and matching: 두벌식 composition, jamo decomposition. No Panda3D."""
