#version 330
// Lambert under the sun (directional, view space) plus the ambient, as simplepbr lights a rough dielectric; the
// result is linear, tone-mapped with the rest of the frame.
uniform struct p3d_LightSourceParameters {
    vec4 diffuse;
    vec4 position;
} p3d_LightSource[1];
uniform struct p3d_LightModelParameters {
    vec4 ambient;
} p3d_LightModel;
uniform vec3 sky_share;  // the ambient\'s share simplepbr takes as directional sky light (sky_light.py)
uniform float haze_density;  // the weather's fog per metre (0 when clear), as simplepbr's fog on the city
uniform vec3 haze_colour;
uniform float night;  // 0 by day, 1 after dusk: the key light is then the floodlight, which never reaches the hills

in vec3 v_normal;
in vec3 v_albedo;
in vec3 v_view;
out vec4 o_color;

const float PI = 3.141592653589793;
const float DIELECTRIC = 0.96;  // 1 - F0: what a rough non-metal keeps for diffuse

void main() {
    vec3 l = normalize(p3d_LightSource[0].position.xyz);
    float n_dot_l = max(dot(normalize(v_normal), l), 0.0);
    vec3 light = p3d_LightSource[0].diffuse.rgb * n_dot_l / PI * (1.0 - night) + (p3d_LightModel.ambient.rgb + sky_share);
    float clear = exp(-length(v_view) * haze_density);
    o_color = vec4(mix(haze_colour, v_albedo * DIELECTRIC * light, clear), 1.0);
}
