#version 330
// Lit like the backdrop by day (Lambert under the key light plus the ambient); by night, while the festival's
// lanterns are on, the panels shine with their own colour (the lamps inside them), brighter than any floodlit wall.
// The panels are hanji and silk: see-through. Drawn with premultiplied blending (one, one minus source alpha), they
// let ``1 - opacity`` of what is behind them through, reflect ``opacity`` of the light that falls on them, and add
// their inner light whole — so a lit lantern reads bright, and the ribs inside and the far side show through it.
uniform struct p3d_LightSourceParameters {
    vec4 diffuse;
    vec4 position;
} p3d_LightSource[1];
uniform struct p3d_LightModelParameters {
    vec4 ambient;
} p3d_LightModel;
uniform vec3 sky_share;  // the ambient\'s share simplepbr takes as directional sky light (sky_light.py)
uniform float night;    // 0 by day, 1 after dusk (set on the world by the pipeline)
uniform float glow;     // the panels' inner light when switched on (0 for the frames, or when the lanterns are off)
uniform float opacity;  // 1 for the frames and the board; the panels' share of light they stop

in vec3 v_normal;
in vec3 v_albedo;
out vec4 o_color;

const float PI = 3.141592653589793;

void main() {
    vec3 l = normalize(p3d_LightSource[0].position.xyz);
    vec3 n = normalize(gl_FrontFacing ? v_normal : -v_normal);  // a panel seen from inside the lantern
    float lambert = max(dot(n, l), 0.0);
    // translucent panels pass some light through from behind, so both faces read by day
    float through = 0.35 * max(-dot(n, l), 0.0) * step(opacity, 0.999);
    vec3 light = p3d_LightSource[0].diffuse.rgb * (lambert + through) / PI + (p3d_LightModel.ambient.rgb + sky_share);
    o_color = vec4(v_albedo * (light * opacity + glow * night), opacity);
}
