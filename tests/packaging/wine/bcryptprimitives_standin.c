/* TEST-ONLY stand-in, never shipped: Wine 8 has no bcryptprimitives.dll, whose ProcessPrng cryptography's _rust.pyd
 * imports (Windows 10+ has it). Backed by bcrypt's system RNG, which Wine implements. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
    while (size > 0) {
        ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
