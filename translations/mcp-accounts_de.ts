<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>BrowserWaitDialog</name>
    <message>
        <location filename="../ui/browserwaitdialog.ui" line="+9"/>
        <source>Sign In with Your Browser</source>
        <translation>Im Browser anmelden</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+6"/>
        <source>Continue in your browser</source>
        <translation>Im Browser fortfahren</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>What to do</source>
        <translation>Anleitung</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Time left:</source>
        <translation>Verbleibende Zeit:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Time left to finish signing in</source>
        <translation>Verbleibende Zeit, um die Anmeldung abzuschließen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sign-in problem</source>
        <translation>Anmeldeproblem</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>What to do next</source>
        <translation>Nächste Schritte</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Copy Link</source>
        <translation>Link &amp;kopieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy the sign-in link to paste it into another browser</source>
        <translation>Den Anmeldelink kopieren, um ihn in einen anderen Browser einzufügen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy link</source>
        <translation>Link kopieren</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Open Again</source>
        <translation>&amp;Erneut öffnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the sign-in page in your browser again</source>
        <translation>Die Anmeldeseite erneut in Ihrem Browser öffnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open again</source>
        <translation>Erneut öffnen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel sign-in</source>
        <translation>Anmeldung abbrechen</translation>
    </message>
</context>
<context>
    <name>DiagnosticsDialog</name>
    <message>
        <location filename="../ui/diagnosticsdialog.ui" line="+14"/>
        <source>Sign-in Diagnostics</source>
        <translation>Anmeldediagnose</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign-in diagnostics</source>
        <translation>Anmeldediagnose</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What happened during the last sign-in, step by step. If a step failed, its details say why. Secrets such as tokens are never recorded here.</source>
        <translation>Was bei der letzten Anmeldung geschah, Schritt für Schritt. Ist ein Schritt fehlgeschlagen, nennen seine Details den Grund. Geheimnisse wie Tokens werden hier nie aufgezeichnet.</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+3"/>
        <source>No sign-in attempt yet</source>
        <translation>Noch kein Anmeldeversuch</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The steps appear here when the app checks the server, signs in or refreshes a token.</source>
        <translation>Die Schritte erscheinen hier, wenn die App den Server prüft, sich anmeldet oder ein Token aktualisiert.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Sign-in steps</source>
        <translation>Anmeldeschritte</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Selected step</source>
        <translation>Ausgewählter Schritt</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Copy for a bug report</source>
        <translation>Für einen Fehlerbericht &amp;kopieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy the steps for a bug report</source>
        <translation>Die Schritte für einen Fehlerbericht kopieren</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Copy status</source>
        <translation>Kopierstatus</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../ui/importdialog.ui" line="+14"/>
        <source>Import Servers</source>
        <translation>Server importieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import servers from other MCP clients</source>
        <translation>Server aus anderen MCP-Clients importieren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add the remote MCP servers you already use in other MCP clients. Local (stdio) servers are skipped. Tokens that mcp-remote keeps in plain files move to the keychain.</source>
        <translation>Fügen Sie die entfernten MCP-Server hinzu, die Sie schon in anderen MCP-Clients nutzen. Lokale (stdio-)Server werden übersprungen. Tokens, die mcp-remote in unverschlüsselten Dateien aufbewahrt, ziehen in den Schlüsselbund um.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;From:</source>
        <translation>&amp;Aus:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Client to import from</source>
        <translation>Client, aus dem importiert wird</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Their usual places, or a config file</source>
        <translation>Die üblichen Orte oder eine Konfigurationsdatei</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Config file to read</source>
        <translation>Zu lesende Konfigurationsdatei</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a config file</source>
        <translation>Eine Konfigurationsdatei wählen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Look Again</source>
        <translation>&amp;Erneut suchen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read the config files again</source>
        <translation>Die Konfigurationsdateien erneut lesen</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Servers found</source>
        <translation>Gefundene Server</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What happens</source>
        <translation>Was geschieht</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Address or reason</source>
        <translation>Adresse oder Grund</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Import progress</source>
        <translation>Fortschritt des Imports</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.ui" line="+9"/>
        <source>MCP Accounts</source>
        <translation>MCP Accounts</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No MCP servers yet. Add the servers you use to sign in to them and keep their tokens fresh.</source>
        <translation>Noch keine MCP-Server. Fügen Sie die Server hinzu, die Sie nutzen, um sich bei ihnen anzumelden und ihre Tokens aktuell zu halten.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Add server…</source>
        <translation>Server &amp;hinzufügen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add server</source>
        <translation>Server hinzufügen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import servers from other MCP clients</source>
        <translation>Server aus anderen MCP-Clients importieren</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>MCP servers and accounts</source>
        <translation>MCP-Server und -Konten</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
</context>
<context>
    <name>Mcpa::AppController</name>
    <message>
        <location filename="../src/gui/appcontroller.cpp" line="+67"/>
        <source>Read-only</source>
        <translation>Schreibgeschützt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your settings were saved by a newer version of MCP Accounts. This version shows them but will not change them.</source>
        <translation>Ihre Einstellungen wurden von einer neueren Version von MCP Accounts gespeichert. Diese Version zeigt sie an, ändert sie aber nicht.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Settings were damaged</source>
        <translation>Einstellungen beschädigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The settings file could not be read and was kept as %1. MCP Accounts starts with an empty list; your tokens are still in the keychain.</source>
        <translation>Die Einstellungsdatei konnte nicht gelesen werden und wurde als %1 aufbewahrt. MCP Accounts startet mit einer leeren Liste; Ihre Tokens sind weiterhin im Schlüsselbund.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Settings cannot be read</source>
        <translation>Einstellungen können nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 cannot be read. Nothing will be changed.</source>
        <translation>%1 kann nicht gelesen werden. Es wird nichts geändert.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>An MCP client</source>
        <translation>Ein MCP-Client</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 needs you to sign in to %2</source>
        <translation>%1 braucht Ihre Anmeldung bei %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Click here to sign in; the waiting request then goes on.</source>
        <translation>Klicken Sie hier, um sich anzumelden; die wartende Anfrage geht dann weiter.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in from the window; the waiting request then goes on.</source>
        <translation>Melden Sie sich im Fenster an; die wartende Anfrage geht dann weiter.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Settings not saved</source>
        <translation>Einstellungen nicht gespeichert</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Signed in to %1</source>
        <translation>Bei %1 angemeldet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token was refreshed in the background.</source>
        <translation>Das Token wurde im Hintergrund aktualisiert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Refresh failed: %1</source>
        <translation>Aktualisierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MCP Accounts will try again. (%1)</source>
        <translation>MCP Accounts versucht es erneut. (%1)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 needs sign-in</source>
        <translation>%1 erfordert eine Anmeldung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server no longer accepts the saved sign-in. Sign in again from the tray or the window.</source>
        <translation>Der Server akzeptiert die gespeicherte Anmeldung nicht mehr. Melden Sie sich über den Infobereich oder das Fenster erneut an.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 expires soon</source>
        <translation>%1 läuft bald ab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This server gave no refresh token, so you will need to sign in again soon.</source>
        <translation>Dieser Server hat kein Aktualisierungs-Token ausgegeben, daher müssen Sie sich bald erneut anmelden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 expired</source>
        <translation>%1 ist abgelaufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in again to keep using this server.</source>
        <translation>Melden Sie sich erneut an, um diesen Server weiter zu nutzen.</translation>
    </message>
</context>
<context>
    <name>Mcpa::BrowserWaitDialog</name>
    <message>
        <location filename="../src/gui/browserwaitdialog.cpp" line="+52"/>
        <source>The sign-in page of %1 opens in your browser. Sign in there; this window closes by itself when you are done.</source>
        <translation>Die Anmeldeseite von %1 wird in Ihrem Browser geöffnet. Melden Sie sich dort an; dieses Fenster schließt sich von selbst, wenn Sie fertig sind.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel sign-in</source>
        <translation>Anmeldung abbrechen</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+1"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No browser could be opened. Copy the link and open it in your browser yourself.</source>
        <translation>Es konnte kein Browser geöffnet werden. Kopieren Sie den Link und öffnen Sie ihn selbst in Ihrem Browser.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Link copied. Paste it into your browser&apos;s address bar.</source>
        <translation>Link kopiert. Fügen Sie ihn in die Adressleiste Ihres Browsers ein.</translation>
    </message>
</context>
<context>
    <name>Mcpa::DiagnosticsDialog</name>
    <message>
        <location filename="../src/gui/diagnosticsdialog.cpp" line="+69"/>
        <location line="+42"/>
        <source>Sign-in Diagnostics</source>
        <translation>Anmeldediagnose</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Close the diagnostics</source>
        <translation>Die Diagnose schließen</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Sign-in Diagnostics — %1</source>
        <translation>Anmeldediagnose — %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Mcpa::EmbeddedSignIn</name>
    <message>
        <location filename="../src/gui/embeddedsignin.cpp" line="+123"/>
        <source>The window for signing in inside the app could not be found (mcp-accounts-signin is missing). Sign in with the system web browser instead: choose it under Settings, &quot;Sign in with&quot;.</source>
        <translation>Das Fenster für die Anmeldung in der App wurde nicht gefunden (mcp-accounts-signin fehlt). Melden Sie sich stattdessen mit dem Webbrowser des Systems an: Wählen Sie ihn unter Einstellungen, „Anmelden mit“.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>The window for signing in inside the app could not be started. Sign in with the system web browser instead: choose it under Settings, &quot;Sign in with&quot;.</source>
        <translation>Das Fenster für die Anmeldung in der App konnte nicht gestartet werden. Melden Sie sich stattdessen mit dem Webbrowser des Systems an: Wählen Sie ihn unter Einstellungen, „Anmelden mit“.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The sign-in window closed unexpectedly. Sign in again, or sign in with the system web browser: choose it under Settings, &quot;Sign in with&quot;.</source>
        <translation>Das Anmeldefenster wurde unerwartet geschlossen. Melden Sie sich erneut an oder mit dem Webbrowser des Systems: Wählen Sie ihn unter Einstellungen, „Anmelden mit“.</translation>
    </message>
</context>
<context>
    <name>Mcpa::ImportDialog</name>
    <message>
        <location filename="../src/gui/importdialog.cpp" line="+28"/>
        <source>Claude Desktop</source>
        <translation>Claude Desktop</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>VS Code</source>
        <translation>VS Code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cursor</source>
        <translation>Cursor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Claude Code</source>
        <translation>Claude Code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mcp-remote</source>
        <translation>mcp-remote</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>All clients</source>
        <translation>Alle Clients</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mcp-remote tokens only</source>
        <translation>Nur Tokens von mcp-remote</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Choose a Config File</source>
        <translation>Konfigurationsdatei wählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON-Dateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>No config file of an MCP client was found.</source>
        <translation>Keine Konfigurationsdatei eines MCP-Clients gefunden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read: %1</source>
        <translation>Gelesen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+76"/>
        <location line="+154"/>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <location line="-225"/>
        <source>Nothing can be imported: %1 Nothing was changed; correct the file and look again.</source>
        <translation>Nichts kann importiert werden: %1 Es wurde nichts geändert; korrigieren Sie die Datei und suchen Sie erneut.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Add as “%1”</source>
        <translation>Hinzufügen als „%1“</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Already here as “%1”: add what it lacks</source>
        <translation>Schon vorhanden als „%1“: Fehlendes ergänzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same server as “%1”: merged</source>
        <translation>Derselbe Server wie „%1“: zusammengeführt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot import</source>
        <translation>Nicht importierbar</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Registered client %1</source>
        <translation>Registrierter Client %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registered client %1; its secret goes to the keychain</source>
        <translation>Registrierter Client %1; sein Geheimnis kommt in den Schlüsselbund</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign-in callback on port %1</source>
        <translation>Anmelde-Rückruf auf Port %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scopes: %1</source>
        <translation>Berechtigungen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign-in without a resource indicator</source>
        <translation>Anmeldung ohne Ressourcen-Angabe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed in with mcp-remote: its tokens move to the keychain</source>
        <translation>Mit mcp-remote angemeldet: seine Tokens ziehen in den Schlüsselbund um</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed in with mcp-remote: its tokens move to the keychain (expiry unknown: refreshed when first used)</source>
        <translation>Mit mcp-remote angemeldet: seine Tokens ziehen in den Schlüsselbund um (Ablauf unbekannt: wird bei der ersten Nutzung erneuert)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No servers were found.</source>
        <translation>Es wurden keine Server gefunden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing here can be imported.</source>
        <translation>Hiervon kann nichts importiert werden.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n server(s) can be imported. Uncheck those you do not want.</source>
        <translation>
            <numerusform>%n Server kann importiert werden. Entfernen Sie den Haken bei dem, den Sie nicht möchten.</numerusform>
            <numerusform>%n Server können importiert werden. Entfernen Sie den Haken bei denen, die Sie nicht möchten.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Moving mcp-remote&apos;s tokens to the keychain…</source>
        <translation>Die Tokens von mcp-remote ziehen in den Schlüsselbund um…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Storing client secrets in the keychain…</source>
        <translation>Client-Geheimnisse werden im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saving the server list…</source>
        <translation>Die Serverliste wird gespeichert…</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+9"/>
        <source>Importing…</source>
        <translation>Import läuft…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Added as “%1”</source>
        <translation>Hinzugefügt als „%1“</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Added to “%1”</source>
        <translation>Zu „%1“ hinzugefügt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing new for “%1”</source>
        <translation>Nichts Neues für „%1“</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>, signed in as “%1”</source>
        <translation>, angemeldet als „%1“</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (its mcp-remote tokens stay where they are: %1)</source>
        <translation> (seine Tokens von mcp-remote bleiben, wo sie sind: %1)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Not imported</source>
        <translation>Nicht importiert</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Imported %n server(s).</source>
        <translation>
            <numerusform>%n Server importiert.</numerusform>
            <numerusform>%n Server importiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n could not be imported.</source>
        <translation>
            <numerusform>%n konnte nicht importiert werden.</numerusform>
            <numerusform>%n konnten nicht importiert werden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Delete mcp-remote&apos;s plain token files?</source>
        <translation>Die unverschlüsselten Token-Dateien von mcp-remote löschen?</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The tokens are now in the keychain, but mcp-remote still keeps them in %n plain file(s) that any program you run can read:

%1

While both hold the same refresh token, a refresh by one can end the other&apos;s sign-in. Delete these files now?</source>
        <translation>
            <numerusform>Die Tokens sind jetzt im Schlüsselbund, aber mcp-remote bewahrt sie noch in %n unverschlüsselten Datei auf, die jedes Programm lesen kann, das Sie starten:

%1

Solange beide dasselbe Refresh-Token halten, kann eine Erneuerung durch den einen die Anmeldung des anderen beenden. Diese Datei jetzt löschen?</numerusform>
            <numerusform>Die Tokens sind jetzt im Schlüsselbund, aber mcp-remote bewahrt sie noch in %n unverschlüsselten Dateien auf, die jedes Programm lesen kann, das Sie starten:

%1

Solange beide dasselbe Refresh-Token halten, kann eine Erneuerung durch den einen die Anmeldung des anderen beenden. Diese Dateien jetzt löschen?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>mcp-remote&apos;s plain token files were kept; importing again offers to delete them.</source>
        <translation>Die unverschlüsselten Token-Dateien von mcp-remote wurden behalten; ein erneuter Import bietet an, sie zu löschen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Some of mcp-remote&apos;s plain token files could not be deleted: %1</source>
        <translation>Einige unverschlüsselte Token-Dateien von mcp-remote konnten nicht gelöscht werden: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Deleted %n plain token file(s) of mcp-remote.</source>
        <translation>
            <numerusform>%n unverschlüsselte Token-Datei von mcp-remote gelöscht.</numerusform>
            <numerusform>%n unverschlüsselte Token-Dateien von mcp-remote gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>your settings were saved by a newer version of MCP Accounts, which this version does not change.</source>
        <translation>Ihre Einstellungen wurden von einer neueren Version von MCP Accounts gespeichert, die diese Version nicht ändert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was imported: %1</source>
        <translation>Es wurde nichts importiert: %1</translation>
    </message>
</context>
<context>
    <name>Mcpa::MainWindow</name>
    <message>
        <location filename="../src/gui/mainwindow.cpp" line="+129"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>&amp;Add Server…</source>
        <translation>Server &amp;hinzufügen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remove…</source>
        <translation>Ent&amp;fernen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Sign In</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign &amp;Out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Refresh Now</source>
        <translation>Jetzt a&amp;ktualisieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>View &amp;Token…</source>
        <translation>&amp;Token anzeigen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Check Now</source>
        <translation>Jetzt &amp;prüfen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign-in &amp;Diagnostics…</source>
        <translation>Anmelde&amp;diagnose…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Se&amp;ttings…</source>
        <translation>Ein&amp;stellungen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>B&amp;eenden</translation>
    </message>
    <message>
        <location line="+124"/>
        <location line="+224"/>
        <source>Could not add the server</source>
        <translation>Der Server konnte nicht hinzugefügt werden</translation>
    </message>
    <message>
        <location line="-206"/>
        <source>Checked all servers</source>
        <translation>Alle Server geprüft</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Checking %n server(s)…</source>
        <translation>
            <numerusform>%n Server wird geprüft…</numerusform>
            <numerusform>%n Server werden geprüft…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Done, with a warning</source>
        <translation>Erledigt, mit einer Warnung</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+40"/>
        <source>%1: it did not work</source>
        <translation>%1: Das hat nicht funktioniert</translation>
    </message>
    <message>
        <location line="-177"/>
        <source>&amp;Use in…</source>
        <translation>&amp;Verwenden in…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Let other MCP clients (Claude Desktop, VS Code, Cursor…) use this account</source>
        <translation>Andere MCP-Clients (Claude Desktop, VS Code, Cursor…) dieses Konto verwenden lassen</translation>
    </message>
    <message>
        <location line="+203"/>
        <source>%1 now signs in through %2 (it used to be %3). Nothing of the old sign-in is sent there. Sign in through %2?</source>
        <translation>%1 meldet jetzt über %2 an (bisher %3). Nichts von der alten Anmeldung wird dorthin gesendet. Über %2 anmelden?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign in through another server?</source>
        <translation>Über einen anderen Server anmelden?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed in to %1</source>
        <translation>Bei %1 angemeldet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign out?</source>
        <translation>Abmelden?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign out of %1? The tokens are revoked at the server and deleted here.</source>
        <translation>Von %1 abmelden? Die Tokens werden beim Server widerrufen und hier gelöscht.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed out of %1</source>
        <translation>Von %1 abgemeldet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Refreshed %1</source>
        <translation>%1 aktualisiert</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Could not read the token</source>
        <translation>Das Token konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Refresh failed</source>
        <translation>Aktualisierung fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Revoked and signed out of %1</source>
        <translation>Tokens widerrufen und von %1 abgemeldet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Remove server?</source>
        <translation>Server entfernen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove %1? Its tokens are revoked at the server and deleted here, with its settings.</source>
        <translation>%1 entfernen? Seine Tokens werden beim Server widerrufen und hier zusammen mit seinen Einstellungen gelöscht.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Removed %1</source>
        <translation>%1 entfernt</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Already added</source>
        <translation>Bereits hinzugefügt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This server is already in the list as %1.</source>
        <translation>Dieser Server steht bereits als %1 in der Liste.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Could not keep the client secret</source>
        <translation>Das Client-Geheimnis konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Could not save the server</source>
        <translation>Der Server konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sign-in diagnostics: %1</source>
        <translation>Anmeldediagnose: %1</translation>
    </message>
</context>
<context>
    <name>Mcpa::ServerDialog</name>
    <message>
        <location filename="../src/gui/serverdialog.cpp" line="+45"/>
        <source>Add Server</source>
        <translation>Server hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit Server</source>
        <translation>Server bearbeiten</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None (public client)</source>
        <translation>Keine (öffentlicher Client)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Secret in the request body (client_secret_post)</source>
        <translation>Geheimnis im Anfragetext (client_secret_post)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Secret in the Authorization header (client_secret_basic)</source>
        <translation>Geheimnis im Authorization-Header (client_secret_basic)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>App default</source>
        <translation>App-Standard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A window inside the app</source>
        <translation>Fenster in der App</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The system web browser</source>
        <translation>System-Webbrowser</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add the server</source>
        <translation>Den Server hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the server</source>
        <translation>Den Server speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Discard the changes</source>
        <translation>Die Änderungen verwerfen</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>Stored in the keychain; leave empty to keep it</source>
        <translation>Im Schlüsselbund gespeichert; leer lassen, um es zu behalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only for a client that has one</source>
        <translation>Nur für einen Client, der eines hat</translation>
    </message>
    <message>
        <location line="+52"/>
        <location line="+11"/>
        <source>This is not a complete web address. It should look like https://example.com/mcp.</source>
        <translation>Dies ist keine vollständige Webadresse. Sie sollte wie https://example.com/mcp aussehen.</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Use an address that starts with https://.</source>
        <translation>Verwenden Sie eine Adresse, die mit https:// beginnt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave the user name and password out of the address; signing in takes care of that.</source>
        <translation>Lassen Sie Benutzername und Passwort aus der Adresse weg; darum kümmert sich die Anmeldung.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plain http is only allowed for this computer (loopback). Use https:// for this server.</source>
        <translation>Unverschlüsseltes http ist nur für diesen Computer (Loopback) erlaubt. Verwenden Sie https:// für diesen Server.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>You already have a server with the ID “%1”. Enter a name to tell them apart.</source>
        <translation>Sie haben bereits einen Server mit der ID „%1“. Geben Sie einen Namen ein, um beide zu unterscheiden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You already have a server with the ID “%1”. Choose a different name.</source>
        <translation>Sie haben bereits einen Server mit der ID „%1“. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This is not a complete web address. It should look like https://example.com/client.json.</source>
        <translation>Dies ist keine vollständige Webadresse. Sie sollte wie https://example.com/client.json aussehen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The client metadata document must be at an https:// address.</source>
        <translation>Das Client-Metadatendokument muss unter einer https://-Adresse liegen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address needs a path, like https://example.com/client.json.</source>
        <translation>Die Adresse braucht einen Pfad, etwa https://example.com/client.json.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address must not have a # part.</source>
        <translation>Die Adresse darf keinen #-Teil haben.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Shown in the list of servers</source>
        <translation>Wird in der Serverliste angezeigt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ID: %1 (for the command line)</source>
        <translation>ID: %1 (für die Befehlszeile)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Hide the advanced settings</source>
        <translation>Die erweiterten Einstellungen ausblenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the advanced settings</source>
        <translation>Die erweiterten Einstellungen einblenden</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Checking the server…</source>
        <translation>Server wird geprüft…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Stop</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop checking the server</source>
        <translation>Die Serverprüfung anhalten</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The check was stopped.</source>
        <translation>Die Prüfung wurde angehalten.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No sign-in needed: the server answers without it.</source>
        <translation>Keine Anmeldung nötig: Der Server antwortet auch ohne.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No sign-in needed: the server (%1) answers without it.</source>
        <translation>Keine Anmeldung nötig: Der Server (%1) antwortet auch ohne.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Can&apos;t reach the server (%1).</source>
        <translation>Der Server ist nicht erreichbar (%1).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server answered, but not like an MCP server (%1). Check the URL.</source>
        <translation>Der Server hat geantwortet, aber nicht wie ein MCP-Server (%1). Prüfen Sie die URL.</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>This server needs sign-in. Looking for its authorization server…</source>
        <translation>Dieser Server erfordert eine Anmeldung. Sein Autorisierungsserver wird gesucht…</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>This server needs sign-in.</source>
        <translation>Dieser Server erfordert eine Anmeldung.</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>No usable authorization server was found (%1).</source>
        <translation>Es wurde kein nutzbarer Autorisierungsserver gefunden (%1).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This server needs sign-in, but signing in to it will not work as it is set up now. The details say why.</source>
        <translation>Dieser Server erfordert eine Anmeldung, die mit den jetzigen Einstellungen aber nicht funktionieren wird. Die Details nennen den Grund.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Chec&amp;k</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the server</source>
        <translation>Den Server prüfen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Checks whether the server needs sign-in and how the app will sign in.</source>
        <translation>Prüft, ob der Server eine Anmeldung erfordert und wie sich die App anmelden wird.</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>The app will sign in with the pre-registered client ID entered under Advanced.</source>
        <translation>Die App meldet sich mit der vorab registrierten Client-ID an, die unter „Erweitert“ eingetragen ist.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The app will identify itself with its client ID metadata document.</source>
        <translation>Die App weist sich mit ihrem Client-ID-Metadatendokument aus.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The app will register itself with the authorization server (dynamic registration).</source>
        <translation>Die App registriert sich selbst beim Autorisierungsserver (dynamische Registrierung).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This server needs a client ID — enter one under Advanced. Its administrator can give you one.</source>
        <translation>Dieser Server benötigt eine Client-ID – geben Sie sie unter „Erweitert“ ein. Der Administrator des Servers kann Ihnen eine geben.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Authorization server: the server itself (it publishes no sign-in information, so the app uses the standard addresses)</source>
        <translation>Autorisierungsserver: der Server selbst (er veröffentlicht keine Anmeldeinformationen, daher verwendet die App die Standardadressen)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Authorization server: %1</source>
        <translation>Autorisierungsserver: %1</translation>
    </message>
</context>
<context>
    <name>Mcpa::ServerListModel</name>
    <message>
        <location filename="../src/gui/serverlistmodel.cpp" line="+344"/>
        <source>Not checked yet</source>
        <translation>Noch nicht geprüft</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>no expiry given</source>
        <translation>kein Ablauf angegeben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>expires in less than a minute</source>
        <translation>läuft in weniger als einer Minute ab</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>expires in %n min</source>
        <translation>
            <numerusform>läuft in %n Min. ab</numerusform>
            <numerusform>läuft in %n Min. ab</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>expires in %n h</source>
        <translation>
            <numerusform>läuft in %n Std. ab</numerusform>
            <numerusform>läuft in %n Std. ab</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>expires in %n days</source>
        <translation>
            <numerusform>läuft in %n Tag ab</numerusform>
            <numerusform>läuft in %n Tagen ab</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>expired %n min ago</source>
        <translation>
            <numerusform>vor %n Min. abgelaufen</numerusform>
            <numerusform>vor %n Min. abgelaufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>expired %n h ago</source>
        <translation>
            <numerusform>vor %n Std. abgelaufen</numerusform>
            <numerusform>vor %n Std. abgelaufen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open (no sign-in needed)</source>
        <translation>Offen (keine Anmeldung nötig)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed in (refreshing soon)</source>
        <translation>Angemeldet (wird bald aktualisiert)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signed in (no refresh token)</source>
        <translation>Angemeldet (kein Refresh-Token)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Working…</source>
        <translation>In Arbeit…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Needs sign-in</source>
        <translation>Anmeldung erforderlich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreachable</source>
        <translation>Nicht erreichbar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expires</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
</context>
<context>
    <name>Mcpa::SettingsDialog</name>
    <message>
        <location filename="../src/gui/settingsdialog.cpp" line="+137"/>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save the settings</source>
        <translation>Die Einstellungen speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Discard the changes</source>
        <translation>Die Änderungen verwerfen</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Could not remove %1.</source>
        <translation>%1 konnte nicht entfernt werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not create the folder for %1.</source>
        <translation>Der Ordner für %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>Mcpa::SignInDialog</name>
    <message>
        <location filename="../src/gui/signintext.cpp" line="+23"/>
        <source>%1

Details: %2</source>
        <translation>%1

Details: %2</translation>
    </message>
    <message>
        <location filename="../src/signin/signindialog.cpp" line="+48"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel sign-in</source>
        <translation>Anmeldung abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading the sign-in page…</source>
        <translation>Anmeldeseite wird geladen…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sign in to %1</source>
        <translation>Bei %1 anmelden</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+1"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Sign-in page</source>
        <translation>Anmeldeseite</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Finishing the sign-in…</source>
        <translation>Anmeldung wird abgeschlossen…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The page could not be loaded. Check your network connection.</source>
        <translation>Die Seite konnte nicht geladen werden. Prüfen Sie Ihre Netzwerkverbindung.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Secure</source>
        <translation>Sicher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The connection to this site is encrypted (HTTPS).</source>
        <translation>Die Verbindung zu dieser Website ist verschlüsselt (HTTPS).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This page comes from this computer.</source>
        <translation>Diese Seite stammt von diesem Computer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not secure</source>
        <translation>Nicht sicher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The connection to this site is not encrypted. Do not enter a password you use elsewhere.</source>
        <translation>Die Verbindung zu dieser Website ist nicht verschlüsselt. Geben Sie kein Passwort ein, das Sie auch anderswo verwenden.</translation>
    </message>
    <message>
        <location filename="../src/gui/signintext.cpp" line="+60"/>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The sign-in worked.</source>
        <translation>Die Anmeldung war erfolgreich.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign-in cancelled</source>
        <translation>Anmeldung abgebrochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in was cancelled. Sign in again when you are ready.</source>
        <translation>Die Anmeldung wurde abgebrochen. Melden Sie sich erneut an, wenn Sie so weit sind.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Access declined</source>
        <translation>Zugriff abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You declined access on the sign-in page. Sign in again if that was a mistake.</source>
        <translation>Sie haben den Zugriff auf der Anmeldeseite abgelehnt. Melden Sie sich erneut an, falls das ein Versehen war.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign-in timed out</source>
        <translation>Zeitüberschreitung bei der Anmeldung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in page was not finished in time. Sign in again and complete the page before the time runs out.</source>
        <translation>Die Anmeldeseite wurde nicht rechtzeitig abgeschlossen. Melden Sie sich erneut an und schließen Sie die Seite ab, bevor die Zeit abläuft.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>App registered again</source>
        <translation>App erneut registriert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server no longer knew MCP Accounts, so it was registered again automatically. There is nothing you need to do.</source>
        <translation>Der Server kannte MCP Accounts nicht mehr, daher wurde die App automatisch erneut registriert. Sie müssen nichts weiter tun.</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Server not reachable</source>
        <translation>Server nicht erreichbar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server could not be reached. Check the server address and your network connection, then try again.</source>
        <translation>Der Server konnte nicht erreicht werden. Prüfen Sie die Serveradresse und Ihre Netzwerkverbindung und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>No answer from the server</source>
        <translation>Keine Antwort vom Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server did not answer in time. Try again later; if this keeps happening, the server may be down.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet. Versuchen Sie es später erneut; passiert das weiterhin, ist der Server möglicherweise ausgefallen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Secure connection failed</source>
        <translation>Sichere Verbindung fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s certificate was not accepted. Check the server address; if it is right, the server&apos;s administrator needs to fix its certificate.</source>
        <translation>Das Zertifikat des Servers wurde nicht akzeptiert. Prüfen Sie die Serveradresse; ist sie richtig, muss der Administrator des Servers dessen Zertifikat korrigieren.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Invalid server address</source>
        <translation>Ungültige Serveradresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server address is not a valid URL. Correct it in the server&apos;s settings.</source>
        <translation>Die Serveradresse ist keine gültige URL. Korrigieren Sie sie in den Einstellungen des Servers.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Insecure server address</source>
        <translation>Unsichere Serveradresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MCP Accounts signs in only over HTTPS (or to this computer). Use an https:// address in the server&apos;s settings.</source>
        <translation>MCP Accounts meldet sich nur über HTTPS an (oder bei diesem Computer). Verwenden Sie in den Einstellungen des Servers eine https://-Adresse.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No sign-in needed</source>
        <translation>Keine Anmeldung nötig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This server can be used without signing in.</source>
        <translation>Dieser Server kann ohne Anmeldung genutzt werden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No sign-in information</source>
        <translation>Keine Anmeldeinformationen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server did not say how to sign in to it. Check the server address; the server may not support MCP sign-in.</source>
        <translation>Der Server hat nicht mitgeteilt, wie man sich bei ihm anmeldet. Prüfen Sie die Serveradresse; möglicherweise unterstützt der Server keine MCP-Anmeldung.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Server names another server</source>
        <translation>Server nennt einen anderen Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s sign-in information is for a different server address, so MCP Accounts did not sign in. Check the address, or tell the server&apos;s administrator.</source>
        <translation>Die Anmeldeinformationen des Servers gelten für eine andere Serveradresse, daher hat sich MCP Accounts nicht angemeldet. Prüfen Sie die Adresse oder informieren Sie den Administrator des Servers.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign-in server misconfigured</source>
        <translation>Anmeldeserver falsch eingerichtet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in server&apos;s information names a different sign-in server, so MCP Accounts did not use it. Tell the server&apos;s administrator.</source>
        <translation>Die Angaben des Anmeldeservers nennen einen anderen Anmeldeserver, daher hat MCP Accounts ihn nicht verwendet. Informieren Sie den Administrator des Servers.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign-in server not supported</source>
        <translation>Anmeldeserver nicht unterstützt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in server does not support PKCE with S256, which MCP requires for a safe sign-in. Ask the server&apos;s administrator to enable it.</source>
        <translation>Der Anmeldeserver unterstützt kein PKCE mit S256, das MCP für eine sichere Anmeldung verlangt. Bitten Sie den Administrator des Servers, es zu aktivieren.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Client ID needed</source>
        <translation>Client-ID erforderlich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This server needs a client ID. Enter one in the server&apos;s settings.</source>
        <translation>Dieser Server benötigt eine Client-ID. Geben Sie sie in den Einstellungen des Servers ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Registration refused</source>
        <translation>Registrierung abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in server did not let MCP Accounts register. Enter a client ID in the server&apos;s settings, or ask the server&apos;s administrator.</source>
        <translation>Der Anmeldeserver hat die Registrierung von MCP Accounts nicht zugelassen. Geben Sie in den Einstellungen des Servers eine Client-ID ein oder fragen Sie den Administrator des Servers.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Callback port in use</source>
        <translation>Rückruf-Port belegt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another program uses the port that receives the sign-in answer. Close that program or choose another callback port in the server&apos;s settings.</source>
        <translation>Ein anderes Programm belegt den Port, der die Anmeldeantwort empfängt. Schließen Sie dieses Programm oder wählen Sie in den Einstellungen des Servers einen anderen Rückruf-Port.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign-in refused</source>
        <translation>Anmeldung abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in server refused the sign-in. Check the server&apos;s settings (scope, resource) and try again.</source>
        <translation>Der Anmeldeserver hat die Anmeldung abgelehnt. Prüfen Sie die Einstellungen des Servers (Scope, Ressource) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign-in answer not trusted</source>
        <translation>Anmeldeantwort nicht vertrauenswürdig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in answer did not come from the expected sign-in server, so it was discarded. Sign in again; if this repeats, tell the server&apos;s administrator.</source>
        <translation>Die Anmeldeantwort kam nicht vom erwarteten Anmeldeserver und wurde deshalb verworfen. Melden Sie sich erneut an; passiert das wieder, informieren Sie den Administrator des Servers.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sign in again</source>
        <translation>Erneut anmelden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server no longer accepts this sign-in. Sign in again.</source>
        <translation>Der Server akzeptiert diese Anmeldung nicht mehr. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Client not accepted</source>
        <translation>Client nicht akzeptiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in server did not accept the client ID or secret. Check them in the server&apos;s settings.</source>
        <translation>Der Anmeldeserver hat die Client-ID oder das Geheimnis nicht akzeptiert. Prüfen Sie beides in den Einstellungen des Servers.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign-in not completed</source>
        <translation>Anmeldung nicht abgeschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in server did not hand out a token. Try again; if this repeats, tell the server&apos;s administrator.</source>
        <translation>Der Anmeldeserver hat kein Token ausgegeben. Versuchen Sie es erneut; passiert das wieder, informieren Sie den Administrator des Servers.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>More access needed</source>
        <translation>Mehr Zugriff erforderlich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server asks for more access than this sign-in has. Sign in again and allow the requested access.</source>
        <translation>Der Server verlangt mehr Zugriff, als diese Anmeldung gewährt. Melden Sie sich erneut an und erlauben Sie den angeforderten Zugriff.</translation>
    </message>
    <message>
        <location line="-166"/>
        <source>Sign-in failed</source>
        <translation>Anmeldung fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in did not work. Try again; the server&apos;s sign-in diagnostics show each step.</source>
        <translation>Die Anmeldung hat nicht funktioniert. Versuchen Sie es erneut; die Anmeldediagnose des Servers zeigt jeden Schritt.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>nothing answers at this address</source>
        <translation>unter dieser Adresse antwortet nichts</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no answer in time</source>
        <translation>keine rechtzeitige Antwort</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>its security certificate was not accepted</source>
        <translation>sein Sicherheitszertifikat wurde nicht akzeptiert</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>network error</source>
        <translation>Netzwerkfehler</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>HTTP status %1</source>
        <translation>HTTP-Status %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>an HTTP error</source>
        <translation>ein HTTP-Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the answer was too large</source>
        <translation>die Antwort war zu groß</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the answer was not understood</source>
        <translation>die Antwort wurde nicht verstanden</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+6"/>
        <source>an address it named is not allowed</source>
        <translation>eine von ihm genannte Adresse ist nicht erlaubt</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>it publishes no sign-in information</source>
        <translation>er veröffentlicht keine Anmeldeinformationen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>its sign-in information names a different server</source>
        <translation>seine Anmeldeinformationen nennen einen anderen Server</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the authorization server&apos;s information names a different issuer</source>
        <translation>die Angaben des Autorisierungsservers nennen einen anderen Aussteller</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the authorization server does not support PKCE, which sign-in needs</source>
        <translation>der Autorisierungsserver unterstützt kein PKCE, das für die Anmeldung nötig ist</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>Mcpa::TokenViewerDialog</name>
    <message>
        <location filename="../src/gui/tokenviewerdialog.cpp" line="+80"/>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Close the token viewer</source>
        <translation>Die Token-Ansicht schließen</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+98"/>
        <source>Clipboard cleared.</source>
        <translation>Zwischenablage geleert.</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>no expiry given</source>
        <translation>kein Ablauf angegeben</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>expires in less than a minute</source>
        <translation>läuft in weniger als einer Minute ab</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>expires in %n min</source>
        <translation>
            <numerusform>läuft in %n Min. ab</numerusform>
            <numerusform>läuft in %n Min. ab</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>expires in %n h</source>
        <translation>
            <numerusform>läuft in %n Std. ab</numerusform>
            <numerusform>läuft in %n Std. ab</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expires in %1 h %2 min</source>
        <translation>läuft in %1 Std. %2 Min. ab</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>expires in %n days</source>
        <translation>
            <numerusform>läuft in %n Tag ab</numerusform>
            <numerusform>läuft in %n Tagen ab</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>expired just now</source>
        <translation>gerade abgelaufen</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>expired %n min ago</source>
        <translation>
            <numerusform>vor %n Min. abgelaufen</numerusform>
            <numerusform>vor %n Min. abgelaufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>expired %n h ago</source>
        <translation>
            <numerusform>vor %n Std. abgelaufen</numerusform>
            <numerusform>vor %n Std. abgelaufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>expired %n days ago</source>
        <translation>
            <numerusform>vor %n Tag abgelaufen</numerusform>
            <numerusform>vor %n Tagen abgelaufen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Token for %1</source>
        <translation>Token für %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No access token</source>
        <translation>Kein Zugriffs-Token</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hidden. Press Reveal to show the access token.</source>
        <translation>Verborgen. Klicken Sie auf „Anzeigen“, um das Zugriffs-Token zu sehen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Hide</source>
        <translation>&amp;Verbergen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Reveal</source>
        <translation>&amp;Anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide the access token</source>
        <translation>Das Zugriffs-Token verbergen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reveal the access token</source>
        <translation>Das Zugriffs-Token anzeigen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not stated in the token</source>
        <translation>Im Token nicht angegeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not known (the token is not readable)</source>
        <translation>Nicht bekannt (das Token ist nicht lesbar)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>None stated</source>
        <translation>Keine angegeben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Present: the app renews the access token by itself (the refresh token is never shown)</source>
        <translation>Vorhanden: Die App erneuert das Zugriffs-Token selbst (das Aktualisierungs-Token wird nie angezeigt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None: sign in again when the access token expires</source>
        <translation>Keines: Melden Sie sich erneut an, wenn das Zugriffs-Token abläuft</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>JWT signed with %1 (not verified)</source>
        <translation>JWT, signiert mit %1 (nicht geprüft)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>encrypted JWT (JWE)</source>
        <translation>verschlüsseltes JWT (JWE)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>opaque</source>
        <translation>opak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bearer</source>
        <translation>Bearer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No access token.</source>
        <translation>Kein Zugriffs-Token.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Encrypted token (JWE): only the server can read its contents, so they cannot be shown.</source>
        <translation>Verschlüsseltes Token (JWE): Nur der Server kann seinen Inhalt lesen, daher kann er nicht angezeigt werden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The token is too large to be decoded here.</source>
        <translation>Das Token ist zu groß, um hier dekodiert zu werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opaque token (the server does not share its contents).</source>
        <translation>Opakes Token (der Server gibt seinen Inhalt nicht preis).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not stated by the server</source>
        <translation>Vom Server nicht angegeben</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Get a new access token with the refresh token now.</source>
        <translation>Jetzt mit dem Aktualisierungs-Token ein neues Zugriffs-Token abrufen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no refresh token: sign in again to get a new access token.</source>
        <translation>Es gibt kein Aktualisierungs-Token: Melden Sie sich erneut an, um ein neues Zugriffs-Token zu erhalten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ask the server to revoke the tokens, then forget them here.</source>
        <translation>Den Server bitten, die Tokens zu widerrufen, und sie dann hier vergessen.</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Copied. The clipboard is cleared in %n s or when this window closes.</source>
        <translation>
            <numerusform>Kopiert. Die Zwischenablage wird in %n s oder beim Schließen dieses Fensters geleert.</numerusform>
            <numerusform>Kopiert. Die Zwischenablage wird in %n s oder beim Schließen dieses Fensters geleert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Revoke tokens</source>
        <translation>Tokens widerrufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke the tokens for %1? The server will no longer accept them, and you will need to sign in again.</source>
        <translation>Die Tokens für %1 widerrufen? Der Server wird sie nicht mehr akzeptieren und Sie müssen sich erneut anmelden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Claims</source>
        <translation>Claims</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 (%2)</source>
        <comment>a NumericDate claim: seconds (local date and time)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>%1 (%2)</source>
        <comment>identity: name (email)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Subject %1</source>
        <translation>Subjekt %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not shared by the server</source>
        <translation>Vom Server nicht mitgeteilt</translation>
    </message>
</context>
<context>
    <name>Mcpa::TrayIcon</name>
    <message>
        <location filename="../src/gui/trayicon.cpp" line="+22"/>
        <location line="+50"/>
        <source>MCP Accounts</source>
        <translation>MCP Accounts</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>MCP Accounts: an account needs your attention</source>
        <translation>MCP Accounts: Ein Konto erfordert Ihre Aufmerksamkeit</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>    Sign in to %1…</source>
        <translation>    Bei %1 anmelden…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Open MCP Accounts</source>
        <translation>MCP Accounts ö&amp;ffnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
</context>
<context>
    <name>Mcpa::UseInMenu</name>
    <message>
        <location filename="../src/gui/useinmenu.cpp" line="+40"/>
        <source>&amp;Use in</source>
        <translation>&amp;Verwenden in</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Select a server first</source>
        <translation>Wählen Sie zuerst einen Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mcp-accounts-cli was not found next to the app</source>
        <translation>mcp-accounts-cli wurde neben der App nicht gefunden</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Not found on this computer</source>
        <translation>Auf diesem Computer nicht gefunden</translation>
    </message>
    <message>
        <location line="+40"/>
        <location line="+35"/>
        <source>Could not change %1&apos;s settings</source>
        <translation>Die Einstellungen von %1 konnten nicht geändert werden</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Nothing to change</source>
        <translation>Nichts zu ändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 already uses %2.</source>
        <translation>%1 verwendet %2 bereits.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Use %1 in %2?</source>
        <translation>%1 in %2 verwenden?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop using %1 in %2?</source>
        <translation>%1 in %2 nicht mehr verwenden?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 will start MCP Accounts for this server, which signs in and refreshes its token. This changes %2 (a backup is kept beside it; the entry it replaces is kept in the keychain):</source>
        <translation>%1 startet für diesen Server MCP Accounts, das sich anmeldet und das Token aktualisiert. Dazu wird %2 geändert (eine Sicherung liegt daneben; der ersetzte Eintrag wird im Schlüsselbund aufbewahrt):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 gets back the entry it had before. This changes %2:</source>
        <translation>%1 erhält den Eintrag zurück, den es vorher hatte. Dazu wird %2 geändert:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>
Restart %1 afterwards.</source>
        <translation>
Starten Sie %1 danach neu.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 now uses %2; restart it</source>
        <translation>%1 verwendet jetzt %2; starten Sie es neu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 no longer uses %2; restart it</source>
        <translation>%1 verwendet %2 nicht mehr; starten Sie es neu</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <location filename="../ui/serverdialog.ui" line="+14"/>
        <source>Add Server</source>
        <translation>Server hinzufügen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server settings</source>
        <translation>Servereinstellungen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Server &amp;URL:</source>
        <translation>Server-&amp;URL:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>https://example.com/mcp</source>
        <translation>https://example.com/mcp</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server URL</source>
        <translation>Server-URL</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The address of the MCP server, starting with https://</source>
        <translation>Die Adresse des MCP-Servers, beginnend mit https://</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Problem with the server URL</source>
        <translation>Problem mit der Server-URL</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How the server is shown in the list. Empty: the server&apos;s host name.</source>
        <translation>Wie der Server in der Liste angezeigt wird. Leer: der Hostname des Servers.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Problem with the name</source>
        <translation>Problem mit dem Namen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Server ID</source>
        <translation>Server-ID</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+3"/>
        <source>Server check</source>
        <translation>Serverprüfung</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Chec&amp;k</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the server</source>
        <translation>Den Server prüfen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Checking the server</source>
        <translation>Server wird geprüft</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Details…</source>
        <translation>&amp;Details…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the steps of the server check</source>
        <translation>Die Schritte der Serverprüfung anzeigen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Check result icon</source>
        <translation>Symbol des Prüfergebnisses</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Check result</source>
        <translation>Prüfergebnis</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Authorization server</source>
        <translation>Autorisierungsserver</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>How the app will register</source>
        <translation>Wie sich die App registrieren wird</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Advanced</source>
        <translation>&amp;Erweitert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the advanced settings</source>
        <translation>Die erweiterten Einstellungen einblenden</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Advanced settings</source>
        <translation>Erweiterte Einstellungen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Client &amp;ID:</source>
        <translation>Client-&amp;ID:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Empty: the app registers itself</source>
        <translation>Leer: Die App registriert sich selbst</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pre-registered client ID</source>
        <translation>Vorab registrierte Client-ID</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Client s&amp;ecret:</source>
        <translation>Client-&amp;Geheimnis:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Only for a client that has one</source>
        <translation>Nur für einen Client, der eines hat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Client secret</source>
        <translation>Client-Geheimnis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kept in the system keychain, never in the settings file</source>
        <translation>Im Schlüsselbund des Systems aufbewahrt, nie in der Einstellungsdatei</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Au&amp;thentication method:</source>
        <translation>Au&amp;thentifizierungsmethode:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Client authentication method</source>
        <translation>Authentifizierungsmethode des Clients</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Client &amp;metadata document:</source>
        <translation>Client-&amp;Metadatendokument:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>https://example.com/client.json</source>
        <translation>https://example.com/client.json</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Client ID metadata document URL</source>
        <translation>URL des Client-ID-Metadatendokuments</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Problem with the client metadata document URL</source>
        <translation>Problem mit der URL des Client-Metadatendokuments</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sco&amp;pes:</source>
        <translation>S&amp;copes:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Empty: what the server asks for</source>
        <translation>Leer: was der Server verlangt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scopes to request</source>
        <translation>Anzufordernde Scopes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Separated by spaces</source>
        <translation>Durch Leerzeichen getrennt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Callback p&amp;ort:</source>
        <translation>&amp;Rückruf-Port:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fixed callback port</source>
        <translation>Fester Rückruf-Port</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only needed when the client was registered with a fixed port</source>
        <translation>Nur nötig, wenn der Client mit einem festen Port registriert wurde</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Redirect &amp;host:</source>
        <translation>Weiterleitungs-&amp;Host:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Redirect host</source>
        <translation>Weiterleitungs-Host</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Send &amp;resource indicator</source>
        <translation>Ressourcenindikator &amp;senden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Send resource indicator</source>
        <translation>Ressourcenindikator senden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tells the authorization server which server the token is for (RFC 8707). Turn it off only if sign-in fails with an &quot;invalid_target&quot; or &quot;invalid resource&quot; error from an older authorization server.</source>
        <translation>Teilt dem Autorisierungsserver mit, für welchen Server das Token bestimmt ist (RFC 8707). Schalten Sie dies nur aus, wenn die Anmeldung bei einem älteren Autorisierungsserver mit dem Fehler „invalid_target“ oder „invalid resource“ scheitert.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Browser:</source>
        <translation>&amp;Browser:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Browser for sign-in</source>
        <translation>Browser für die Anmeldung</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/settingsdialog.ui" line="+14"/>
        <location line="+3"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign in with</source>
        <translation>Anmelden mit</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The &amp;system web browser (recommended)</source>
        <translation>&amp;System-Webbrowser (empfohlen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in with the system web browser</source>
        <translation>Mit dem Webbrowser des Systems anmelden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A window &amp;inside the app</source>
        <translation>Fenster &amp;in der App</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in with a window inside the app</source>
        <translation>Mit einem Fenster in der App anmelden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Servers can override this in their own settings.</source>
        <translation>Server können dies in ihren eigenen Einstellungen überschreiben.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Notify me</source>
        <translation>Mich benachrichtigen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>When a server needs me to sign in &amp;again or a refresh failed</source>
        <translation>Wenn ich mich bei einem Server &amp;erneut anmelden muss oder eine Aktualisierung fehlgeschlagen ist</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notify when a server needs sign-in or a refresh failed</source>
        <translation>Benachrichtigen, wenn ein Server eine Anmeldung erfordert oder eine Aktualisierung fehlgeschlagen ist</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>When a token without a refresh token is about to &amp;expire</source>
        <translation>Wenn ein Token ohne Aktualisierungs-Token bald a&amp;bläuft</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notify when a token without a refresh token is about to expire</source>
        <translation>Benachrichtigen, wenn ein Token ohne Aktualisierungs-Token bald abläuft</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>When a token was re&amp;freshed</source>
        <translation>Wenn ein Token a&amp;ktualisiert wurde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notify when a token was refreshed</source>
        <translation>Benachrichtigen, wenn ein Token aktualisiert wurde</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Start and close</source>
        <translation>Starten und Schließen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Start at &amp;login</source>
        <translation>Beim &amp;Anmelden am Computer starten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start at login</source>
        <translation>Beim Anmelden am Computer starten</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start &amp;minimized to the tray</source>
        <translation>&amp;Minimiert im Infobereich starten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start minimized to the tray</source>
        <translation>Minimiert im Infobereich starten</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Keep running in the &amp;tray when the window is closed</source>
        <translation>Beim Schließen des Fensters im Infobereich &amp;weiterlaufen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep running in the tray when the window is closed</source>
        <translation>Beim Schließen des Fensters im Infobereich weiterlaufen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start at login error</source>
        <translation>Fehler beim Autostart</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+16"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Lan&amp;guage:</source>
        <translation>Sp&amp;rache:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>A new language takes effect when the app starts again.</source>
        <translation>Eine neue Sprache wird beim nächsten Start der App wirksam.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../ui/signindialog.ui" line="+9"/>
        <source>Sign In</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+96"/>
        <source>Sign-in page</source>
        <translation>Anmeldeseite</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Connection security</source>
        <translation>Verbindungssicherheit</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Page address</source>
        <translation>Seitenadresse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The site that shows the sign-in page</source>
        <translation>Die Website, die die Anmeldeseite anzeigt</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Page loading progress</source>
        <translation>Ladefortschritt der Seite</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sign-in problem</source>
        <translation>Anmeldeproblem</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>What to do next</source>
        <translation>Nächste Schritte</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Sign-in status</source>
        <translation>Anmeldestatus</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel sign-in</source>
        <translation>Anmeldung abbrechen</translation>
    </message>
</context>
<context>
    <name>TokenViewerDialog</name>
    <message>
        <location filename="../ui/tokenviewerdialog.ui" line="+9"/>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Token viewer</source>
        <translation>Token-Ansicht</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+6"/>
        <source>Access token</source>
        <translation>Zugriffs-Token</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Reveal</source>
        <translation>&amp;Anzeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reveal the access token</source>
        <translation>Das Zugriffs-Token anzeigen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy the access token</source>
        <translation>Das Zugriffs-Token kopieren</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Clipboard status</source>
        <translation>Status der Zwischenablage</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Signed in as:</source>
        <translation>Angemeldet als:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Signed in as</source>
        <translation>Angemeldet als</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Issuer:</source>
        <translation>Aussteller:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Audience:</source>
        <translation>Zielgruppe:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Audience</source>
        <translation>Zielgruppe</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Scopes:</source>
        <translation>Scopes:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Scopes</source>
        <translation>Scopes</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Expires:</source>
        <translation>Läuft ab:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Expires at</source>
        <translation>Läuft ab am</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Time until expiry</source>
        <translation>Zeit bis zum Ablauf</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Refresh token:</source>
        <translation>Aktualisierungs-Token:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refresh token</source>
        <translation>Aktualisierungs-Token</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Type:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Token type</source>
        <translation>Token-Typ</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Contents</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Decoded, not verified: this is what the token says about itself. The app does not check its signature.</source>
        <translation>Dekodiert, nicht geprüft: Das sagt das Token über sich selbst. Die App prüft seine Signatur nicht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Decoded, not verified</source>
        <translation>Dekodiert, nicht geprüft</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Decoded header and claims, not verified</source>
        <translation>Dekodierter Header und Claims, nicht geprüft</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Token contents</source>
        <translation>Token-Inhalt</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Working…</source>
        <translation>In Arbeit…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Re&amp;fresh now</source>
        <translation>Jetzt akt&amp;ualisieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh the access token now</source>
        <translation>Das Zugriffs-Token jetzt aktualisieren</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Re&amp;voke…</source>
        <translation>&amp;Widerrufen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoke the tokens and sign out</source>
        <translation>Die Tokens widerrufen und abmelden</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../src/app/main.cpp" line="+62"/>
        <source>Signs in to MCP servers and keeps their tokens fresh.</source>
        <translation>Meldet sich bei MCP-Servern an und hält ihre Tokens aktuell.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add this MCP server URL to the list, if it is not there yet (repeatable).</source>
        <translation>Diese MCP-Server-URL zur Liste hinzufügen, falls sie noch nicht enthalten ist (wiederholbar).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Start in the tray, without the window.</source>
        <translation>Im Infobereich starten, ohne Fenster.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quit right after the first paint of the main window.</source>
        <translation>Direkt nach dem ersten Zeichnen des Hauptfensters beenden.</translation>
    </message>
</context>
</TS>
