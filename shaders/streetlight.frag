#version 330
// A lamp's light, faked: the head glows with the lamp's colour after dusk (its uv is 0.5 everywhere, the centre of
// the falloff); a pool on the ground, drawn added onto the road, falls off with the square of the distance from its
// centre to nothing at its rim. By day the head is its grey housing under the ambient and the pool adds nothing.
uniform struct p3d_LightModelParameters {
    vec4 ambient;
} p3d_LightModel;
uniform vec3 sky_share;  // the ambient\'s share simplepbr takes as directional sky light (sky_light.py)
uniform float night;      // 0 by day, 1 after dusk (set on the world by the pipeline)
uniform float strength;   // the glow at full night
uniform float housing;    // the head's albedo by day (0 for the pools)

in vec2 v_uv;
in vec3 v_colour;
out vec4 o_color;

void main() {
    float fall = clamp(1.0 - 2.0 * length(v_uv - 0.5), 0.0, 1.0);
    vec3 glow = v_colour * strength * night * fall * fall;
    o_color = vec4(glow + housing * (p3d_LightModel.ambient.rgb + sky_share) * (1.0 - night), 1.0);
}
