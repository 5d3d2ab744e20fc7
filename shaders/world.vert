#version 330
// The world's vertex stage (game/render/world_shader.py): positions, the view and world tangent frames, and where
// the point falls in the sun's shadow map. That point is pushed out along the surface's normal, the more the
// steeper the surface stands to the sun, so a wall under a high sun does not shadow itself in stripes.

uniform mat4 p3d_ModelViewMatrix;
uniform mat4 p3d_ProjectionMatrix;
uniform mat4 p3d_ModelMatrix;
uniform mat3 p3d_NormalMatrix;
uniform mat4 p3d_TextureMatrix;
uniform mat4 p3d_ModelMatrixInverseTranspose;

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

// Metres the shadow lookup moves out along a face that stands edge-on to the sun (none for a face square to it)
uniform float shadow_normal_offset;

in vec4 p3d_Vertex;
in vec4 p3d_Color;
in vec3 p3d_Normal;
in vec4 p3d_Tangent;
in vec2 p3d_MultiTexCoord0;

out vec3 v_view_position;
out vec3 v_world_position;
out vec4 v_color;
out vec2 v_texcoord;
out mat3 v_view_tbn;
out mat3 v_world_tbn;
out vec4 v_shadow_pos;

// The tangent, or any direction across the normal where the mesh has none (it then has no normal map to orient)
vec3 along(vec3 tangent, vec3 normal) {
    if (dot(tangent, tangent) > 1e-12) {
        return normalize(tangent);
    }
    return normalize(cross(normal, abs(normal.z) < 0.9 ? vec3(0.0, 0.0, 1.0) : vec3(1.0, 0.0, 0.0)));
}

void main() {
    vec4 view_position = p3d_ModelViewMatrix * p3d_Vertex;
    v_view_position = view_position.xyz;
    v_world_position = (p3d_ModelMatrix * p3d_Vertex).xyz;
    v_color = p3d_Color;
    v_texcoord = (p3d_TextureMatrix * vec4(p3d_MultiTexCoord0, 0.0, 1.0)).xy;

    vec3 n = normalize(p3d_NormalMatrix * p3d_Normal);
    vec3 t = along(p3d_NormalMatrix * p3d_Tangent.xyz, n);
    v_view_tbn = mat3(t, cross(n, t) * p3d_Tangent.w, n);
    mat3 to_world = mat3(p3d_ModelMatrixInverseTranspose);
    vec3 wn = normalize(to_world * p3d_Normal);
    vec3 wt = along(to_world * p3d_Tangent.xyz, wn);
    v_world_tbn = mat3(wt, cross(wn, wt) * p3d_Tangent.w, wn);

    // A directional light's position is the direction towards it, in view space
    float facing = dot(n, normalize(p3d_LightSource[0].position.xyz));
    float edge_on = sqrt(clamp(1.0 - facing * facing, 0.0, 1.0));
    vec3 lookup = view_position.xyz + n * (shadow_normal_offset * edge_on);
    v_shadow_pos = p3d_LightSource[0].shadowViewMatrix * vec4(lookup, 1.0);

    gl_Position = p3d_ProjectionMatrix * view_position;
}
