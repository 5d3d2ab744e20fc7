#version 330
// An LED screen glows by itself, by day and (brighter against the dark) by night: a diagonal gradient from the
// screen's colour into the same colour with its hue turned a third, in a thin dark frame. The text pass draws the
// glyphs of the font's texture (alpha-tested) in their own colour at the same glow.
uniform sampler2D p3d_Texture0;
uniform float night;       // 0 by day, 1 after dusk (set on the world by the pipeline)
uniform float glow_day;    // the screen's radiance by day …
uniform float glow_night;  // … and after dark
uniform float lettering;   // 1 for the text's glyphs, 0 for the screens

in vec2 v_uv;
in vec3 v_colour;
out vec4 o_color;

void main() {
    float level = mix(glow_day, glow_night, night);
    if (lettering > 0.5) {
        if (texture(p3d_Texture0, v_uv).a < 0.5) {
            discard;
        }
        o_color = vec4(v_colour * level, 1.0);
        return;
    }
    vec3 picture = mix(v_colour, v_colour.brg, clamp(0.75 * v_uv.x + 0.25 * v_uv.y, 0.0, 1.0));
    float inside = step(0.015, v_uv.x) * step(v_uv.x, 0.985) * step(0.03, v_uv.y) * step(v_uv.y, 0.97);
    o_color = vec4(mix(vec3(0.01), picture * level, inside), 1.0);
}
