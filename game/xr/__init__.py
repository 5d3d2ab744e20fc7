"""OpenXR headset support: pure maths and input logic beside thin wrappers over pyopenxr and Panda3D.

Modules that import neither ``xr`` nor ``panda3d`` (``axes``, ``comfort``, ``arc``, ``bindings``, ``intents``,
``raycast``) hold every decision worth unit-testing; the OpenXR object wrappers (``instance``, ``system``,
``session``, ``swapchain``, ``spaces``, ``actions``) import only pyopenxr; the Panda3D side (``rig``, ``eyes``,
``visuals``, ``driver``, ``run``) glues them to the scene graph. ``run.run_xr`` is the entry point.
"""
