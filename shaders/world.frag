#version 330
// The world's shading, in place of simplepbr's scene shader (game/render/world_shader.py says why): glTF's
// metal-roughness model lit by the sun, by the sky through simplepbr's image-based light inputs (nine SH
// coefficients and a prefiltered cube, made from the sky model by sky_light.py) and by the flat ambient; the sun's
// shadow map read over a disc of taps, so shadows have a soft edge instead of a stair of texels.
// Defines (world_shader.py): USE_NORMAL_MAP, USE_OCCLUSION_MAP, ENABLE_FOG, SHADOW_TAPS and, with more than one
// tap, SHADOW_DISC: the taps' offsets as a list of vec2 within the unit disc.

uniform struct p3d_MaterialParameters {
    vec4 baseColor;
    float roughness;
    float metallic;
} p3d_Material;

uniform struct p3d_LightSourceParameters {
    vec4 position;
    vec4 diffuse;
    vec4 specular;
    vec3 attenuation;
    vec3 spotDirection;
    float spotCosCutoff;
    sampler2DShadow shadowMap;
    mat4 shadowViewMatrix;
} p3d_LightSource[1];

uniform struct p3d_LightModelParameters {
    vec4 ambient;
} p3d_LightModel;

#ifdef ENABLE_FOG
uniform struct p3d_FogParameters {
    vec4 color;
    float density;
} p3d_Fog;
#endif

uniform vec4 p3d_ColorScale;
uniform vec4 p3d_TexAlphaOnly;
uniform sampler2D p3d_TextureModulate;  // base colour
uniform sampler2D p3d_TextureSelector;  // occlusion, roughness, metalness in r, g, b (glTF's layout)
uniform sampler2D p3d_TextureNormal;

uniform vec3 sh_coeffs[9];
uniform vec3 camera_world_position;
uniform sampler2D brdf_lut;
uniform samplerCube filtered_env_map;
uniform float max_reflection_lod;
uniform float global_shadow_bias;  // in the map's normalised depth
uniform float shadow_filter_radius;  // the disc's radius, in the map's texture coordinates

in vec3 v_view_position;
in vec3 v_world_position;
in vec4 v_color;
in vec2 v_texcoord;
in mat3 v_view_tbn;
in mat3 v_world_tbn;
in vec4 v_shadow_pos;

out vec4 o_color;

const float PI = 3.14159265358979;
const vec3 DIELECTRIC_F0 = vec3(0.04);

// How much of the sun this point sees: each tap is itself the hardware's bilinear 2x2 depth comparison
float sunlit(vec4 shadow_pos) {
    vec3 p = shadow_pos.xyz / shadow_pos.w;
    p.z -= global_shadow_bias;
#if SHADOW_TAPS > 1
    const vec2 disc[SHADOW_TAPS] = vec2[](SHADOW_DISC);
    float seen = 0.0;
    for (int i = 0; i < SHADOW_TAPS; ++i) {
        seen += texture(p3d_LightSource[0].shadowMap, vec3(p.xy + disc[i] * shadow_filter_radius, p.z));
    }
    return seen / float(SHADOW_TAPS);
#else
    return texture(p3d_LightSource[0].shadowMap, p);
#endif
}

// Irradiance from the sky at a world normal: sky_light.sh_basis's functions, in its order
vec3 sky_irradiance(vec3 n) {
    return sh_coeffs[0] * 0.282095
        + (sh_coeffs[1] * n.x + sh_coeffs[2] * n.z + sh_coeffs[3] * n.y) * 0.488603
        + (sh_coeffs[4] * n.x * n.z + sh_coeffs[5] * n.y * n.z + sh_coeffs[6] * n.y * n.x) * 1.092548
        + sh_coeffs[7] * (0.946176 * n.z * n.z - 0.315392)
        + sh_coeffs[8] * 0.546274 * (n.x * n.x - n.y * n.y);
}

vec3 fresnel(float cos_theta, vec3 f0) {
    float m = 1.0 - cos_theta;
    float m2 = m * m;
    return f0 + (1.0 - f0) * (m2 * m2 * m);
}

// GGX's distribution of microfacet normals, for alpha = roughness squared
float ggx(float n_dot_h, float alpha) {
    float a2 = alpha * alpha;
    float d = n_dot_h * n_dot_h * (a2 - 1.0) + 1.0;
    return a2 / (PI * d * d);
}

// Smith's height-correlated masking-shadowing, folded with the 1 / (4 n.l n.v) of the specular BRDF
float smith_visibility(float n_dot_l, float n_dot_v, float alpha) {
    float a2 = alpha * alpha;
    float from_light = n_dot_v * sqrt(n_dot_l * n_dot_l * (1.0 - a2) + a2);
    float from_view = n_dot_l * sqrt(n_dot_v * n_dot_v * (1.0 - a2) + a2);
    float sum = from_light + from_view;
    return sum > 0.0 ? 0.5 / sum : 0.0;
}

void main() {
    vec4 orm = texture(p3d_TextureSelector, v_texcoord);
    float metallic = clamp(p3d_Material.metallic * orm.b, 0.0, 1.0);
    float roughness = clamp(p3d_Material.roughness * orm.g, 0.0, 1.0);
    float alpha = roughness * roughness;
    vec4 base = p3d_Material.baseColor * v_color * p3d_ColorScale
        * (texture(p3d_TextureModulate, v_texcoord) + p3d_TexAlphaOnly);
    vec3 diffuse = base.rgb * (1.0 - DIELECTRIC_F0) * (1.0 - metallic);
    vec3 f0 = mix(DIELECTRIC_F0, base.rgb, metallic);
#ifdef USE_OCCLUSION_MAP
    float occlusion = orm.r;
#else
    float occlusion = 1.0;
#endif

#ifdef USE_NORMAL_MAP
    vec2 bump_xy = texture(p3d_TextureNormal, v_texcoord).rg * 2.0 - 1.0;
    vec3 bump = vec3(bump_xy, sqrt(clamp(1.0 - dot(bump_xy, bump_xy), 0.0, 1.0)));
    vec3 n = normalize(v_view_tbn * bump);
    vec3 world_n = normalize(v_world_tbn * bump);
#else
    vec3 n = normalize(v_view_tbn[2]);
    vec3 world_n = normalize(v_world_tbn[2]);
#endif
    vec3 v = normalize(-v_view_position);
    float n_dot_v = clamp(abs(dot(n, v)), 0.0, 1.0);

    vec3 colour = vec3(0.0);

    // The sun (or by night the floodlight that stands in for it): one directional light
    vec3 sun = p3d_LightSource[0].diffuse.rgb;
    if (dot(sun, sun) > 1e-3) {
        vec3 l = normalize(p3d_LightSource[0].position.xyz);
        vec3 h = normalize(l + v);
        float n_dot_l = clamp(dot(n, l), 0.0, 1.0);
        float n_dot_h = clamp(dot(n, h), 0.0, 1.0);
        float v_dot_h = clamp(dot(v, h), 0.0, 1.0);
        vec3 specular = fresnel(v_dot_h, f0) * (smith_visibility(n_dot_l, n_dot_v, alpha) * ggx(n_dot_h, alpha));
        colour += n_dot_l * sun * (diffuse / PI + specular) * sunlit(v_shadow_pos);
    }

    // The sky: diffuse from the SH, specular from the prefiltered cube (split-sum with the BRDF table)
    float rim = 1.0 - n_dot_v;
    vec3 f_sky = f0 + (max(vec3(1.0 - roughness), f0) - f0) * (rim * rim * rim * rim * rim);
    vec3 sky_diffuse = (1.0 - f_sky) * (1.0 - metallic) * base.rgb * max(sky_irradiance(world_n), 0.0) / PI;
    vec3 to_eye = normalize(camera_world_position - v_world_position);
    vec3 mirrored = reflect(-to_eye, world_n);
    vec2 split = texture(brdf_lut, vec2(n_dot_v, roughness)).rg;
    vec3 sky_specular = textureLod(filtered_env_map, mirrored, roughness * max_reflection_lod).rgb
        * (f_sky * split.x + split.y);
    colour += (sky_diffuse + sky_specular) * occlusion;

    // The flat ambient: the share of the sky not given as directional light (pipeline.set_time)
    colour += (diffuse + f0) * p3d_LightModel.ambient.rgb * occlusion;

    vec4 result = vec4(colour, base.a);
#ifdef ENABLE_FOG
    result = mix(p3d_Fog.color, result, clamp(exp(-length(v_view_position) * p3d_Fog.density), 0.0, 1.0));
#endif
    o_color = result;
}
