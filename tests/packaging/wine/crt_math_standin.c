/* TEST-ONLY stand-in, never shipped: Wine 8's ucrtbase has the C99 complex functions only as stubs that abort
 * ("unimplemented function ucrtbase.dll.crealf"), and numpy's Windows extensions call them. This DLL replaces the
 * build's api-ms-win-crt-math-l1-1-0.dll in a copy of the Windows build run under Wine: the complex functions are
 * implemented here (mingw's libm), every other export forwards to ucrtbase as the real API-set DLL does.
 * The types follow the MSVC ABI: _Fcomplex/_Dcomplex/_Lcomplex are structs (long double is double). */
#include <complex.h>

typedef struct { float v[2]; } Fc;
typedef struct { double v[2]; } Dc;

static float complex fz(Fc a) { return __builtin_complex(a.v[0], a.v[1]); }
static double complex dz(Dc a) { return __builtin_complex(a.v[0], a.v[1]); }
static Fc fc(float complex z) { Fc r = {{crealf(z), cimagf(z)}}; return r; }
static Dc dc(double complex z) { Dc r = {{creal(z), cimag(z)}}; return r; }

#define UNARY(name) \
    Fc s_##name##f(Fc a) { return fc(name##f(fz(a))); } \
    Dc s_##name(Dc a) { return dc(name(dz(a))); } \
    Dc s_##name##l(Dc a) { return dc(name(dz(a))); }
#define REAL(name, op) \
    float s_##name##f(Fc a) { return op##f(fz(a)); } \
    double s_##name(Dc a) { return op(dz(a)); } \
    double s_##name##l(Dc a) { return op(dz(a)); }

UNARY(ccos) UNARY(ccosh) UNARY(cexp) UNARY(csin) UNARY(csinh) UNARY(ctan) UNARY(ctanh) UNARY(csqrt) UNARY(clog)
UNARY(cacos) UNARY(cacosh) UNARY(casin) UNARY(casinh) UNARY(catan) UNARY(catanh) UNARY(conj) UNARY(cproj)
REAL(cabs, cabs) REAL(carg, carg) REAL(creal, creal) REAL(cimag, cimag)

Fc s_cpowf(Fc a, Fc b) { return fc(cpowf(fz(a), fz(b))); }
Dc s_cpow(Dc a, Dc b) { return dc(cpow(dz(a), dz(b))); }
Dc s_cpowl(Dc a, Dc b) { return dc(cpow(dz(a), dz(b))); }
