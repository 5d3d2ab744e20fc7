#version 330
// Street trees and furniture (game/scenes/streetscape.py): the backdrop's cheap vertex-colour lighting, plus the
// world-space normal, so that settled snow can lie on what faces the sky.
uniform mat4 p3d_ModelViewProjectionMatrix;
uniform mat4 p3d_ModelMatrix;
uniform mat3 p3d_NormalMatrix;
uniform mat4 p3d_ModelViewMatrix;

in vec4 p3d_Vertex;
in vec3 p3d_Normal;
in vec4 p3d_Color;

out vec3 v_normal;
out vec3 v_up;
out vec3 v_albedo;
out vec3 v_view;
out vec3 v_world;

void main() {
    gl_Position = p3d_ModelViewProjectionMatrix * p3d_Vertex;
    v_normal = p3d_NormalMatrix * p3d_Normal;
    v_up = mat3(p3d_ModelMatrix) * p3d_Normal;
    v_albedo = p3d_Color.rgb;
    v_view = (p3d_ModelViewMatrix * p3d_Vertex).xyz;
    v_world = (p3d_ModelMatrix * p3d_Vertex).xyz;
}
