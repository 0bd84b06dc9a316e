#include "core/base/clock.h"

namespace Mcpa {

const Clock *Clock::system()
{
    static const Clock clock;
    return &clock;
}

} // namespace Mcpa
