#version 330
// Rain puddles (game/city/puddles.py): flat, facing up; the fragment shader mirrors the sky by the view angle.
uniform mat4 p3d_ModelViewProjectionMatrix;
uniform mat3 p3d_NormalMatrix;
uniform mat4 p3d_ModelViewMatrix;

in vec4 p3d_Vertex;
in vec3 p3d_Normal;

out vec3 v_normal;
out vec3 v_view;

void main() {
    gl_Position = p3d_ModelViewProjectionMatrix * p3d_Vertex;
    v_normal = p3d_NormalMatrix * p3d_Normal;
    v_view = (p3d_ModelViewMatrix * p3d_Vertex).xyz;
}
