#version 330
// Rain: pale grey streaks, fading towards the tail, lit by the ambient (the sky's and the city's light);
// snow: white flakes, brighter and nearly opaque.
uniform struct p3d_LightModelParameters {
    vec4 ambient;
} p3d_LightModel;
uniform vec3 sky_share;  // the ambient\'s share simplepbr takes as directional sky light (sky_light.py)
uniform float snow;  // 1 for snow, 0 for rain

in float v_tail;
out vec4 o_color;

void main() {
    vec3 light = (p3d_LightModel.ambient.rgb + sky_share) * mix(2.5, 4.0, snow) + vec3(0.01);
    vec3 colour = mix(vec3(0.75, 0.78, 0.85), vec3(1.0), snow) * light * mix(1.0, 1.6, snow);
    o_color = vec4(colour, mix(0.55 * (1.0 - 0.6 * v_tail), 0.9, snow));
}
