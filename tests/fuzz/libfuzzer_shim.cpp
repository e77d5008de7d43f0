// The libFuzzer entry point for one target, chosen at compile time (DREAMOPS_FUZZ_TARGET):
// a broken promise prints its sentence and aborts, which libFuzzer reports with the input.
#include "fuzztargets.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (const char *broken = FuzzTargets::DREAMOPS_FUZZ_TARGET(data, size)) {
        std::fprintf(stderr, "broken promise: %s\n", broken);
        std::abort();
    }
    return 0;
}
