#include "exitcode.h"

#include "core/base/error.h"

namespace Mcpa {

ExitCode exitCodeFor(const Mcpa::Error &error)
{
    using Code = Mcpa::Error::Code;
    switch (error.code()) {
    case Code::None:
        return ExitCode::Ok;
    case Code::Unreachable:
    case Code::Timeout:
    case Code::Network:
    case Code::TlsFailure:
        return ExitCode::Unreachable;
    case Code::NeedsSignIn:
    case Code::InvalidGrant:
        return ExitCode::NeedsSignIn;
    case Code::KeychainUnavailable:
    case Code::KeychainLocked:
    case Code::KeychainAccessDenied:
    case Code::KeychainTimeout:
        return ExitCode::KeychainUnavailable;
    case Code::AuthorizationDenied:
    case Code::AuthorizationTimeout:
    case Code::Cancelled:
        return ExitCode::Cancelled;
    case Code::InvalidUrl:
    case Code::InsecureUrl:
    case Code::ClientDetailsNeeded:
        return ExitCode::Usage;
    case Code::Internal:
    case Code::CallbackPortInUse:
    case Code::SecretNotFound:
    case Code::SecretCorrupt:
    case Code::ConfigReadOnly:
    case Code::ConfigInvalid:
    case Code::ConfigWriteFailed:
        return ExitCode::Failure;
    case Code::UnknownServer:
    case Code::ImportFileInvalid:
        return ExitCode::Usage;
    default:
        return ExitCode::ServerError;
    }
}

} // namespace Mcpa
