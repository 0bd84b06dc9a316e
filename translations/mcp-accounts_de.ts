<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.ui" line="9"/>
        <source>MCP Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="20"/>
        <source>No MCP servers yet. Add the servers you use to sign in to them and keep their tokens fresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="37"/>
        <source>MCP servers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerListModel</name>
    <message>
        <location filename="../src/gui/serverlistmodel.cpp" line="22"/>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/gui/serverlistmodel.cpp" line="89"/>
        <source>Not checked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/gui/serverlistmodel.cpp" line="91"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/gui/serverlistmodel.cpp" line="93"/>
        <source>Sign-in required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/gui/serverlistmodel.cpp" line="95"/>
        <source>Open (no sign-in needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/gui/serverlistmodel.cpp" line="97"/>
        <source>Unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/gui/serverlistmodel.cpp" line="101"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../src/app/main.cpp" line="32"/>
        <source>Signs in to MCP servers and keeps their tokens fresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/app/main.cpp" line="37"/>
        <source>Show this MCP server URL in the list (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
