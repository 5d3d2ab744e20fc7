#version 330
// Sun (directional, view space) plus ambient, as the district's lighting; lamps glow; a flat colour for masks.
uniform struct p3d_LightSourceParameters {
    vec4 color;
    vec4 position;
} p3d_LightSource[1];
uniform struct p3d_LightModelParameters {
    vec4 ambient;
} p3d_LightModel;
uniform vec3 sky_share;  // the ambient\'s share simplepbr takes as directional sky light (sky_light.py)
uniform vec4 flat_colour;  // alpha > 0.5: draw this colour only (mask renders in tests)

in vec3 v_normal;
in vec3 v_albedo;
in float v_glow;
in vec4 v_tint;
out vec4 o_color;

void main() {
    if (flat_colour.a > 0.5) {
        o_color = vec4(flat_colour.rgb, 1.0);
        return;
    }
    vec3 n = normalize(v_normal);
    vec4 lp = p3d_LightSource[0].position;
    vec3 l = lp.w == 0.0 ? normalize(lp.xyz) : vec3(0.0, 0.0, 1.0);
    float diffuse = max(dot(n, l), 0.0) * 0.8 + 0.2 * max(n.z, 0.0);
    vec3 light = (p3d_LightModel.ambient.rgb + sky_share) * 1.6 + p3d_LightSource[0].color.rgb * diffuse * 0.4;
    vec3 colour = v_albedo * light + v_albedo * v_glow * 2.0;
    o_color = vec4(colour * v_tint.rgb, 1.0);
}
