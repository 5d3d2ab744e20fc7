#version 330
// As backdrop.frag (Lambert under the sun plus the ambient, in the weather's haze), with settled snow: in snowy
// weather (``snow`` 0–1, the weather's cover) what faces the sky turns white, fully on flat tops (a bench's seat,
// a shelter's roof) and patchily on a crown's slopes, so the twigs still show beneath; a crown of fine twigs holds
// snow on all but its underside, a bench or a shelter only on its tops.
uniform struct p3d_LightSourceParameters {
    vec4 diffuse;
    vec4 position;
} p3d_LightSource[1];
uniform struct p3d_LightModelParameters {
    vec4 ambient;
} p3d_LightModel;
uniform vec3 sky_share;  // the ambient\'s share simplepbr takes as directional sky light (sky_light.py)
uniform float haze_density;
uniform vec3 haze_colour;
uniform float night;
uniform float snow;
uniform float snow_low;  // the normal's upward part below which nothing settles: below 0 on twigs, which hold snow
uniform vec3 lamp_fill;  // after dusk, the street lamps' light on crowns and benches (linear): most from below

in vec3 v_normal;
in vec3 v_up;
in vec3 v_albedo;
in vec3 v_view;
in vec3 v_world;
out vec4 o_color;

const float PI = 3.141592653589793;
const float DIELECTRIC = 0.96;
const vec3 SNOW = vec3(0.78, 0.8, 0.86);  // linear albedo of fresh snow, a little blue in the shade

float patches(vec3 p) {
    vec3 c = floor(p * 1.7);
    return fract(sin(dot(c, vec3(12.9898, 78.233, 37.719))) * 43758.5453);
}

void main() {
    float up = normalize(v_up).z;
    float lying = smoothstep(snow_low, snow_low + 0.45, up) * mix(0.55 + 0.45 * patches(v_world), 1.0, step(0.95, up));
    vec3 albedo = mix(v_albedo, SNOW, snow * lying);
    vec3 l = normalize(p3d_LightSource[0].position.xyz);
    float n_dot_l = max(dot(normalize(v_normal), l), 0.0);
    vec3 light = p3d_LightSource[0].diffuse.rgb * n_dot_l / PI * (1.0 - night) + (p3d_LightModel.ambient.rgb + sky_share)
        + lamp_fill * (night * (0.4 + 0.3 * (1.0 - up)));
    float clear = exp(-length(v_view) * haze_density);
    o_color = vec4(mix(haze_colour, albedo * DIELECTRIC * light, clear), 1.0);
}
