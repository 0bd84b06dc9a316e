// config.json as anyone may have left it: hand-edited, half-written by an
// older version, or garbage.

#include "core/store/serverregistry.h"

#include "fuzzsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace Mcpa;

MCPA_FUZZ_INITIALIZE

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir directory;
    if (!directory.isValid())
        Fuzz::violated("no temporary directory");
    // Each input starts from an empty directory (load() may set files aside).
    QDir dir(directory.path());
    const QStringList leftovers = dir.entryList(QDir::Files | QDir::Hidden);
    for (const QString &name : leftovers)
        dir.remove(name);
    const QString path = dir.filePath(QStringLiteral("config.json"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            Fuzz::violated("cannot write the config file");
        file.write(Fuzz::bytes(data, size));
    }

    ServerRegistry registry(path);
    const ConfigLoadResult loaded = registry.load();
    if (loaded.status != ConfigLoadResult::Status::Ok)
        return 0;
    // What loads, saves; and what was saved loads again, the same.
    registry.setSettings(registry.settings()); // a change, so save() writes
    if (const Error error = registry.save())
        Fuzz::violated("a config that loaded could not be saved");
    ServerRegistry reread(path);
    if (reread.load().status != ConfigLoadResult::Status::Ok)
        Fuzz::violated("a saved config does not load");
    if (reread.servers().size() != registry.servers().size()
        || reread.registrations().size() != registry.registrations().size()
        || reread.settings() != registry.settings())
        Fuzz::violated("a saved config loads differently");
    return 0;
}
