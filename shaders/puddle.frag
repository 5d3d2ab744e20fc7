#version 330
// Still water over dark asphalt: Schlick's Fresnel of water (F0 0.02) mixes the dark bottom with the sky it
// mirrors. Under rain cloud the sky near the horizon is the haze's colour (the sky shader fades into it), so the
// reflection is that colour, brightened to the sky's own level by day; by night the haze is the city's glow.
// Linear output, tone-mapped with the rest of the frame; far puddles fade into the haze like the city.
uniform float haze_density;
uniform vec3 haze_colour;
uniform float night;

in vec3 v_normal;
in vec3 v_view;
out vec4 o_color;

const vec3 BOTTOM = vec3(0.012, 0.012, 0.014);  // soaked asphalt seen through the water
const float SKY_GAIN = 2.2;  // the overcast sky above the horizon is brighter than the haze at street level

void main() {
    vec3 n = normalize(v_normal);
    vec3 v = normalize(-v_view);
    float fresnel = 0.02 + 0.98 * pow(1.0 - max(dot(n, v), 0.0), 5.0);
    vec3 sky = haze_colour * mix(SKY_GAIN, 1.0, night);
    vec3 water = mix(BOTTOM, sky, fresnel);
    float clear = exp(-length(v_view) * haze_density);
    o_color = vec4(mix(haze_colour, water, clear), 1.0);
}
