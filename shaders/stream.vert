#version 330
// Cheonggyecheon's water (game/architecture/stream.py): a flat sheet whose ripples and glints are drawn here,
// scrolled downstream by flow_time; its texture coordinates are metres (u across the stream, v along it).
uniform mat4 p3d_ModelViewProjectionMatrix;
uniform mat4 p3d_ModelMatrix;
uniform mat4 p3d_ModelViewMatrix;

in vec4 p3d_Vertex;
in vec2 p3d_MultiTexCoord0;

out vec3 v_world;
out vec3 v_view;
out vec2 v_uv;

void main() {
    gl_Position = p3d_ModelViewProjectionMatrix * p3d_Vertex;
    v_world = (p3d_ModelMatrix * p3d_Vertex).xyz;
    v_view = (p3d_ModelViewMatrix * p3d_Vertex).xyz;
    v_uv = p3d_MultiTexCoord0;
}
