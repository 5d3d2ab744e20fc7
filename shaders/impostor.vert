#version 330
// Far remote visitors (ui/avatars/crowd.py, ui/avatars/impostor.py): one instanced draw per outfit's atlas. Each
// instance is an upright quad turned to the camera; its frame in the atlas is the view nearest to where the camera
// stands relative to the visitor's heading. Instances as in avatars.vert (place and heading, then four colours).
uniform mat4 p3d_ModelViewProjectionMatrix;
uniform mat4 p3d_ModelViewMatrixInverse;
uniform samplerBuffer instances;
uniform vec4 frame;  // frame width, height (metres), number of views, unused

in vec4 p3d_Vertex;  // x across the quad in [-0.5, 0.5], z up in [0, 1]

out vec2 v_uv;
flat out int v_base;
flat out vec2 v_heading;  // cos, sin of the visitor's heading: the atlas's normals are in the avatar's frame

void main() {
    v_base = gl_InstanceID * 5;
    vec4 place = texelFetch(instances, v_base);
    vec3 eye = (p3d_ModelViewMatrixInverse * vec4(0.0, 0.0, 0.0, 1.0)).xyz;
    vec2 toward = eye.xy - place.xy;
    toward = length(toward) > 1e-4 ? normalize(toward) : vec2(0.0, -1.0);
    vec2 right = vec2(-toward.y, toward.x);
    float c = cos(place.w), s = sin(place.w);
    vec2 local = vec2(c * toward.x + s * toward.y, -s * toward.x + c * toward.y);  // heading undone
    float views = frame.z;
    float k = mod(floor(atan(local.y, local.x) / (6.28318531 / views) + 0.5), views);
    vec3 world = vec3(place.xy + right * p3d_Vertex.x * frame.x, place.z + p3d_Vertex.z * frame.y);
    gl_Position = p3d_ModelViewProjectionMatrix * vec4(world, 1.0);
    v_uv = vec2((k + p3d_Vertex.x + 0.5) / views, p3d_Vertex.z);
    v_heading = vec2(c, s);
}
