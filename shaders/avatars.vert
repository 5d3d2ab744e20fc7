#version 330
// Remote visitors (ui/avatars/crowd.py): one instanced draw per outfit and detail level. Each instance reads its
// place and heading and the visitor's chosen colours from a buffer texture; a vertex's slot picks which colour.
uniform mat4 p3d_ModelViewProjectionMatrix;
uniform mat4 p3d_ModelViewMatrix;
uniform samplerBuffer instances;  // 5 texels per instance, see crowd.py

in vec4 p3d_Vertex;
in vec3 p3d_Normal;
in vec2 p3d_MultiTexCoord0;  // (colour slot, unused)
in vec4 p3d_Color;

out vec3 v_normal;
out vec3 v_albedo;
out float v_glow;
out vec4 v_tint;

void main() {
    int base = gl_InstanceID * 5;
    vec4 place = texelFetch(instances, base);  // x, y, z, heading (radians, Panda3D's H: 0 faces +y)
    int slot = int(p3d_MultiTexCoord0.x + 0.5);
    float c = cos(place.w), s = sin(place.w);
    vec3 p = p3d_Vertex.xyz, n = p3d_Normal;
    vec3 world = vec3(c * p.x - s * p.y + place.x, s * p.x + c * p.y + place.y, p.z + place.z);
    vec3 wn = vec3(c * n.x - s * n.y, s * n.x + c * n.y, n.z);
    gl_Position = p3d_ModelViewProjectionMatrix * vec4(world, 1.0);
    v_normal = normalize(mat3(p3d_ModelViewMatrix) * wn);
    v_albedo = slot == 0 ? p3d_Color.rgb : texelFetch(instances, base + slot).rgb;
    v_glow = 0.0;
    v_tint = vec4(1.0);
}
