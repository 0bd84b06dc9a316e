// A reference for the CLI benchmarks: the start and exit of a bare Qt Core
// program (QCoreApplication, no event loop), the floor under any Qt CLI.

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    return 0;
}
