"""OpenXR headset support: pure maths and input logic beside thin wrappers over pyopenxr and Panda3D.

* Pure (no Panda3D, no pyopenxr; unit-tested): ``axes`` (OpenXR ⇄ Panda3D poses, per-eye projection),
  ``comfort`` (settings, snap/smooth turn, vignette), ``arc`` (teleport arc and landing rules), ``locomotion``
  (rig moves), ``bindings`` (actions and four controller families), ``intents`` (input → intents), ``raycast``.
* One module per OpenXR object (pyopenxr only): ``instance``, ``system``, ``session``, ``swapchain``,
  ``spaces``, ``actions``; ``glcontext`` shares Panda3D's GL context (EGL or GLX); ``backend`` composes them
  behind the small protocol the Panda3D side uses.
* Panda3D side: ``rig`` (stereo cameras, hands, head-locked panel), ``eyes`` (draw straight into swapchain
  images), ``visuals``, ``panels``, ``collision``, ``driver`` (the two frame tasks), ``run`` (``run_xr``, the
  entry point), ``capture``; ``testscene`` and ``district`` are scene builders (the benchmark is
  ``game.tools.xr_bench``).
"""
