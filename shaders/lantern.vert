#version 330
// The festival's lantern sculptures (game/festivals): steel frames and panels lit from inside by night.
uniform mat4 p3d_ModelViewProjectionMatrix;
uniform mat3 p3d_NormalMatrix;

in vec4 p3d_Vertex;
in vec3 p3d_Normal;
in vec4 p3d_Color;

out vec3 v_normal;
out vec3 v_albedo;

void main() {
    gl_Position = p3d_ModelViewProjectionMatrix * p3d_Vertex;
    v_normal = p3d_NormalMatrix * p3d_Normal;
    v_albedo = p3d_Color.rgb;
}
