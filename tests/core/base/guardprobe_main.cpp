// A child for tst_processguard: reports dumpability before the guard, then
// the guard's result, dumpability and the core limit (soft/hard) after it.

#include "core/base/processguard.h"

#include <cstdio>

#include <sys/resource.h>

int main()
{
    const bool before = Mcpa::ProcessGuard::isDumpable();
    const bool ok = Mcpa::ProcessGuard::disableCoreDumps();
    struct rlimit limit
    {
    };
    ::getrlimit(RLIMIT_CORE, &limit);
    std::printf("before=%d ok=%d dumpable=%d core=%llu/%llu\n", before ? 1 : 0, ok ? 1 : 0,
                Mcpa::ProcessGuard::isDumpable() ? 1 : 0,
                static_cast<unsigned long long>(limit.rlim_cur),
                static_cast<unsigned long long>(limit.rlim_max));
    return 0;
}
