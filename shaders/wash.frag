#version 330
// Added to what is behind (additive blending): the lantern's colour, strongest level with it and fading out to the
// patch's edges, only by night and only while the lanterns are on.
uniform float night;
uniform float glow;  // the wash's strength while the lanterns are on, 0 when they are off

in vec3 v_colour;
in vec2 v_uv;
out vec4 o_color;

void main() {
    vec2 d = v_uv * vec2(1.0, 1.3) - vec2(0.0, -0.25);
    float fall = exp(-dot(d, d) * 2.2) * (1.0 - smoothstep(0.85, 1.0, abs(v_uv.x)));
    o_color = vec4(v_colour * fall * glow * night, 1.0);
}
