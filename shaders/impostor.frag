#version 330
// Far remote visitors as pictures (impostor.vert): the atlas texel's slot takes the visitor's colour as the mesh's
// vertex would (avatars.vert), its normal is turned by the heading and lit as avatars.frag lights the mesh.
uniform struct p3d_LightSourceParameters {
    vec4 color;
    vec4 position;
} p3d_LightSource[1];
uniform struct p3d_LightModelParameters {
    vec4 ambient;
} p3d_LightModel;
uniform vec3 sky_share;  // the ambient\'s share simplepbr takes as directional sky light (sky_light.py)
uniform mat4 p3d_ModelViewMatrix;
uniform samplerBuffer instances;
uniform sampler2D albedo;  // slot 0's colour, coverage in alpha
uniform sampler2D normal_slot;  // normal * 0.5 + 0.5 in the avatar's frame, slot / 4 in alpha

in vec2 v_uv;
flat in int v_base;
flat in vec2 v_heading;
out vec4 o_color;

void main() {
    vec4 fixed_colour = texture(albedo, v_uv);
    if (fixed_colour.a < 0.5) discard;
    vec4 ns = texture(normal_slot, v_uv);
    int slot = int(ns.a * 4.0 + 0.5);
    vec3 local = ns.rgb * 2.0 - 1.0;
    vec3 wn = vec3(v_heading.x * local.x - v_heading.y * local.y, v_heading.y * local.x + v_heading.x * local.y,
                   local.z);
    vec3 n = normalize(mat3(p3d_ModelViewMatrix) * wn);
    vec3 albedo_rgb = slot == 0 ? fixed_colour.rgb : texelFetch(instances, v_base + slot).rgb;
    vec4 lp = p3d_LightSource[0].position;
    vec3 l = lp.w == 0.0 ? normalize(lp.xyz) : vec3(0.0, 0.0, 1.0);
    float diffuse = max(dot(n, l), 0.0) * 0.8 + 0.2 * max(n.z, 0.0);
    vec3 light = (p3d_LightModel.ambient.rgb + sky_share) * 1.6 + p3d_LightSource[0].color.rgb * diffuse * 0.4;
    o_color = vec4(albedo_rgb * light, 1.0);
}
