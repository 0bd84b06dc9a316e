<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>BrowserWaitDialog</name>
    <message>
        <location filename="../ui/browserwaitdialog.ui" line="+9"/>
        <source>Sign In with Your Browser</source>
        <translation>Se connecter avec votre navigateur</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+6"/>
        <source>Continue in your browser</source>
        <translation>Continuez dans votre navigateur</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>What to do</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Time left:</source>
        <translation>Temps restant&#xa0;:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Time left to finish signing in</source>
        <translation>Temps restant pour terminer la connexion</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sign-in problem</source>
        <translation>Problème de connexion</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>What to do next</source>
        <translation>Que faire ensuite</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Copy Link</source>
        <translation>&amp;Copier le lien</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy the sign-in link to paste it into another browser</source>
        <translation>Copier le lien de connexion pour le coller dans un autre navigateur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy link</source>
        <translation>Copier le lien</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Open Again</source>
        <translation>&amp;Rouvrir</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the sign-in page in your browser again</source>
        <translation>Rouvrir la page de connexion dans votre navigateur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open again</source>
        <translation>Rouvrir</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel sign-in</source>
        <translation>Annuler la connexion</translation>
    </message>
</context>
<context>
    <name>DiagnosticsDialog</name>
    <message>
        <location filename="../ui/diagnosticsdialog.ui" line="+14"/>
        <source>Sign-in Diagnostics</source>
        <translation>Diagnostic de connexion</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign-in diagnostics</source>
        <translation>Diagnostic de connexion</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What happened during the last sign-in, step by step. If a step failed, its details say why. Secrets such as tokens are never recorded here.</source>
        <translation>Ce qui s&apos;est passé lors de la dernière connexion, étape par étape. Si une étape a échoué, ses détails en donnent la raison. Les secrets comme les jetons ne sont jamais enregistrés ici.</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+3"/>
        <source>No sign-in attempt yet</source>
        <translation>Aucune tentative de connexion pour l&apos;instant</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The steps appear here when the app checks the server, signs in or refreshes a token.</source>
        <translation>Les étapes s&apos;affichent ici lorsque l&apos;application vérifie le serveur, se connecte ou actualise un jeton.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Sign-in steps</source>
        <translation>Étapes de connexion</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Selected step</source>
        <translation>Étape sélectionnée</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Copy for a bug report</source>
        <translation>&amp;Copier pour un rapport de bogue</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy the steps for a bug report</source>
        <translation>Copier les étapes pour un rapport de bogue</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Copy status</source>
        <translation>État de la copie</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../ui/importdialog.ui" line="+14"/>
        <source>Import Servers</source>
        <translation>Importer des serveurs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import servers from other MCP clients</source>
        <translation>Importer des serveurs depuis d’autres clients MCP</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add the remote MCP servers you already use in other MCP clients. Local (stdio) servers are skipped. Tokens that mcp-remote keeps in plain files move to the keychain.</source>
        <translation>Ajoutez les serveurs MCP distants que vous utilisez déjà dans d’autres clients MCP. Les serveurs locaux (stdio) sont ignorés. Les jetons que mcp-remote garde dans des fichiers en clair sont déplacés dans le trousseau.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;From:</source>
        <translation>&amp;Depuis :</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Client to import from</source>
        <translation>Client depuis lequel importer</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Their usual places, or a config file</source>
        <translation>Leurs emplacements habituels, ou un fichier de configuration</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Config file to read</source>
        <translation>Fichier de configuration à lire</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a config file</source>
        <translation>Choisir un fichier de configuration</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Look Again</source>
        <translation>&amp;Relire</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read the config files again</source>
        <translation>Relire les fichiers de configuration</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Servers found</source>
        <translation>Serveurs trouvés</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What happens</source>
        <translation>Ce qui sera fait</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Address or reason</source>
        <translation>Adresse ou raison</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Import progress</source>
        <translation>Progression de l’import</translation>
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
        <translation>Aucun serveur MCP pour l&apos;instant. Ajoutez les serveurs que vous utilisez pour vous y connecter et garder leurs jetons à jour.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Add server…</source>
        <translation>&amp;Ajouter un serveur…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add server</source>
        <translation>Ajouter un serveur</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import servers from other MCP clients</source>
        <translation>Importer des serveurs depuis d&apos;autres clients MCP</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>MCP servers and accounts</source>
        <translation>Serveurs et comptes MCP</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
</context>
<context>
    <name>Mcpa::AppController</name>
    <message>
        <location filename="../src/gui/appcontroller.cpp" line="+67"/>
        <source>Read-only</source>
        <translation>Lecture seule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your settings were saved by a newer version of MCP Accounts. This version shows them but will not change them.</source>
        <translation>Vos paramètres ont été enregistrés par une version plus récente de MCP Accounts. Cette version les affiche mais ne les modifiera pas.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Settings were damaged</source>
        <translation>Paramètres endommagés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The settings file could not be read and was kept as %1. MCP Accounts starts with an empty list; your tokens are still in the keychain.</source>
        <translation>Le fichier de paramètres n&apos;a pas pu être lu et a été conservé sous %1. MCP Accounts démarre avec une liste vide&#xa0;; vos jetons sont toujours dans le trousseau.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Settings cannot be read</source>
        <translation>Impossible de lire les paramètres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 cannot be read. Nothing will be changed.</source>
        <translation>Impossible de lire %1. Rien ne sera modifié.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>An MCP client</source>
        <translation>Un client MCP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 needs you to sign in to %2</source>
        <translation>%1 a besoin que vous vous connectiez à %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Click here to sign in; the waiting request then goes on.</source>
        <translation>Cliquez ici pour vous connecter ; la requête en attente reprend ensuite.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in from the window; the waiting request then goes on.</source>
        <translation>Connectez-vous depuis la fenêtre ; la requête en attente reprend ensuite.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Settings not saved</source>
        <translation>Paramètres non enregistrés</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Signed in to %1</source>
        <translation>Connecté à %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token was refreshed in the background.</source>
        <translation>Le jeton a été actualisé en arrière-plan.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Refresh failed: %1</source>
        <translation>Échec de l&apos;actualisation&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MCP Accounts will try again. (%1)</source>
        <translation>MCP Accounts réessaiera. (%1)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 needs sign-in</source>
        <translation>%1 nécessite une connexion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server no longer accepts the saved sign-in. Sign in again from the tray or the window.</source>
        <translation>Le serveur n&apos;accepte plus la connexion enregistrée. Reconnectez-vous depuis la zone de notification ou la fenêtre.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 expires soon</source>
        <translation>%1 expire bientôt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This server gave no refresh token, so you will need to sign in again soon.</source>
        <translation>Ce serveur n&apos;a fourni aucun jeton d&apos;actualisation&#xa0;: vous devrez bientôt vous reconnecter.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 expired</source>
        <translation>%1 a expiré</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in again to keep using this server.</source>
        <translation>Reconnectez-vous pour continuer à utiliser ce serveur.</translation>
    </message>
</context>
<context>
    <name>Mcpa::BrowserWaitDialog</name>
    <message>
        <location filename="../src/gui/browserwaitdialog.cpp" line="+52"/>
        <source>The sign-in page of %1 opens in your browser. Sign in there; this window closes by itself when you are done.</source>
        <translation>La page de connexion de %1 s&apos;ouvre dans votre navigateur. Connectez-vous-y&#xa0;; cette fenêtre se fermera d&apos;elle-même une fois la connexion terminée.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel sign-in</source>
        <translation>Annuler la connexion</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+1"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No browser could be opened. Copy the link and open it in your browser yourself.</source>
        <translation>Aucun navigateur n&apos;a pu être ouvert. Copiez le lien et ouvrez-le vous-même dans votre navigateur.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Link copied. Paste it into your browser&apos;s address bar.</source>
        <translation>Lien copié. Collez-le dans la barre d&apos;adresse de votre navigateur.</translation>
    </message>
</context>
<context>
    <name>Mcpa::DiagnosticsDialog</name>
    <message>
        <location filename="../src/gui/diagnosticsdialog.cpp" line="+69"/>
        <location line="+42"/>
        <source>Sign-in Diagnostics</source>
        <translation>Diagnostic de connexion</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Close the diagnostics</source>
        <translation>Fermer le diagnostic</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Sign-in Diagnostics — %1</source>
        <translation>Diagnostic de connexion — %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Copied to the clipboard.</source>
        <translation>Copié dans le presse-papiers.</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Succeeded</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>Mcpa::EmbeddedSignIn</name>
    <message>
        <location filename="../src/gui/embeddedsignin.cpp" line="+123"/>
        <source>The window for signing in inside the app could not be found (mcp-accounts-signin is missing). Sign in with the system web browser instead: choose it under Settings, &quot;Sign in with&quot;.</source>
        <translation>La fenêtre de connexion intégrée est introuvable (mcp-accounts-signin manque). Connectez-vous plutôt avec le navigateur web du système : choisissez-le dans Paramètres, « Se connecter avec ».</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>The window for signing in inside the app could not be started. Sign in with the system web browser instead: choose it under Settings, &quot;Sign in with&quot;.</source>
        <translation>La fenêtre de connexion intégrée n’a pas pu démarrer. Connectez-vous plutôt avec le navigateur web du système : choisissez-le dans Paramètres, « Se connecter avec ».</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The sign-in window closed unexpectedly. Sign in again, or sign in with the system web browser: choose it under Settings, &quot;Sign in with&quot;.</source>
        <translation>La fenêtre de connexion s’est fermée de façon inattendue. Connectez-vous à nouveau, ou avec le navigateur web du système : choisissez-le dans Paramètres, « Se connecter avec ».</translation>
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
        <translation>Tous les clients</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mcp-remote tokens only</source>
        <translation>Jetons de mcp-remote seulement</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Choose a Config File</source>
        <translation>Choisir un fichier de configuration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>Fichiers JSON (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>No config file of an MCP client was found.</source>
        <translation>Aucun fichier de configuration de client MCP n’a été trouvé.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read: %1</source>
        <translation>Lu : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+76"/>
        <location line="+154"/>
        <source>Note: %1</source>
        <translation>Remarque : %1</translation>
    </message>
    <message>
        <location line="-225"/>
        <source>Nothing can be imported: %1 Nothing was changed; correct the file and look again.</source>
        <translation>Rien ne peut être importé : %1 Rien n’a été modifié ; corrigez le fichier et relisez.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Add as “%1”</source>
        <translation>Ajouter comme « %1 »</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Already here as “%1”: add what it lacks</source>
        <translation>Déjà présent comme « %1 » : compléter ce qui manque</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same server as “%1”: merged</source>
        <translation>Même serveur que « %1 » : fusionné</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Skipped</source>
        <translation>Ignoré</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot import</source>
        <translation>Impossible à importer</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Registered client %1</source>
        <translation>Client enregistré %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registered client %1; its secret goes to the keychain</source>
        <translation>Client enregistré %1 ; son secret va dans le trousseau</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign-in callback on port %1</source>
        <translation>Retour de connexion sur le port %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scopes: %1</source>
        <translation>Portées : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign-in without a resource indicator</source>
        <translation>Connexion sans indicateur de ressource</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed in with mcp-remote: its tokens move to the keychain</source>
        <translation>Connecté avec mcp-remote : ses jetons vont dans le trousseau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed in with mcp-remote: its tokens move to the keychain (expiry unknown: refreshed when first used)</source>
        <translation>Connecté avec mcp-remote : ses jetons vont dans le trousseau (expiration inconnue : renouvelés à la première utilisation)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No servers were found.</source>
        <translation>Aucun serveur n’a été trouvé.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing here can be imported.</source>
        <translation>Rien ici ne peut être importé.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n server(s) can be imported. Uncheck those you do not want.</source>
        <translation>
            <numerusform>%n serveur peut être importé. Décochez-le si vous n’en voulez pas.</numerusform>
            <numerusform>%n serveurs peuvent être importés. Décochez ceux que vous ne voulez pas.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Moving mcp-remote&apos;s tokens to the keychain…</source>
        <translation>Déplacement des jetons de mcp-remote dans le trousseau…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Storing client secrets in the keychain…</source>
        <translation>Enregistrement des secrets client dans le trousseau…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saving the server list…</source>
        <translation>Enregistrement de la liste des serveurs…</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+9"/>
        <source>Importing…</source>
        <translation>Import en cours…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Added as “%1”</source>
        <translation>Ajouté comme « %1 »</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Added to “%1”</source>
        <translation>Ajouté à « %1 »</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing new for “%1”</source>
        <translation>Rien de nouveau pour « %1 »</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Failed: %1</source>
        <translation>Échec : %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>, signed in as “%1”</source>
        <translation>, connecté comme « %1 »</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (its mcp-remote tokens stay where they are: %1)</source>
        <translation> (ses jetons de mcp-remote restent où ils sont : %1)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Not imported</source>
        <translation>Non importé</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Imported %n server(s).</source>
        <translation>
            <numerusform>%n serveur importé.</numerusform>
            <numerusform>%n serveurs importés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n could not be imported.</source>
        <translation>
            <numerusform>%n n’a pas pu être importé.</numerusform>
            <numerusform>%n n’ont pas pu être importés.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Delete mcp-remote&apos;s plain token files?</source>
        <translation>Supprimer les fichiers de jetons en clair de mcp-remote ?</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The tokens are now in the keychain, but mcp-remote still keeps them in %n plain file(s) that any program you run can read:

%1

While both hold the same refresh token, a refresh by one can end the other&apos;s sign-in. Delete these files now?</source>
        <translation>
            <numerusform>Les jetons sont maintenant dans le trousseau, mais mcp-remote les garde encore dans %n fichier en clair que tout programme que vous lancez peut lire :

%1

Tant que les deux détiennent le même jeton de rafraîchissement, un renouvellement par l’un peut mettre fin à la connexion de l’autre. Supprimer ce fichier maintenant ?</numerusform>
            <numerusform>Les jetons sont maintenant dans le trousseau, mais mcp-remote les garde encore dans %n fichiers en clair que tout programme que vous lancez peut lire :

%1

Tant que les deux détiennent le même jeton de rafraîchissement, un renouvellement par l’un peut mettre fin à la connexion de l’autre. Supprimer ces fichiers maintenant ?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>mcp-remote&apos;s plain token files were kept; importing again offers to delete them.</source>
        <translation>Les fichiers de jetons en clair de mcp-remote ont été gardés ; un nouvel import proposera de les supprimer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Some of mcp-remote&apos;s plain token files could not be deleted: %1</source>
        <translation>Certains fichiers de jetons en clair de mcp-remote n’ont pas pu être supprimés : %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Deleted %n plain token file(s) of mcp-remote.</source>
        <translation>
            <numerusform>%n fichier de jetons en clair de mcp-remote supprimé.</numerusform>
            <numerusform>%n fichiers de jetons en clair de mcp-remote supprimés.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>your settings were saved by a newer version of MCP Accounts, which this version does not change.</source>
        <translation>vos paramètres ont été enregistrés par une version plus récente de MCP Accounts, que cette version ne modifie pas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was imported: %1</source>
        <translation>Rien n’a été importé : %1</translation>
    </message>
</context>
<context>
    <name>Mcpa::MainWindow</name>
    <message>
        <location filename="../src/gui/mainwindow.cpp" line="+129"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>&amp;Add Server…</source>
        <translation>&amp;Ajouter un serveur…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remove…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Sign In</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign &amp;Out</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Refresh Now</source>
        <translation>Act&amp;ualiser maintenant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>View &amp;Token…</source>
        <translation>Afficher le &amp;jeton…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Check Now</source>
        <translation>&amp;Vérifier maintenant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign-in &amp;Diagnostics…</source>
        <translation>Dia&amp;gnostic de connexion…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="+124"/>
        <location line="+224"/>
        <source>Could not add the server</source>
        <translation>Impossible d&apos;ajouter le serveur</translation>
    </message>
    <message>
        <location line="-206"/>
        <source>Checked all servers</source>
        <translation>Tous les serveurs ont été vérifiés</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Checking %n server(s)…</source>
        <translation>
            <numerusform>Vérification de %n serveur…</numerusform>
            <numerusform>Vérification de %n serveurs…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Done, with a warning</source>
        <translation>Terminé, avec un avertissement</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+40"/>
        <source>%1: it did not work</source>
        <translation>%1&#xa0;: cela n&apos;a pas fonctionné</translation>
    </message>
    <message>
        <location line="-177"/>
        <source>&amp;Use in…</source>
        <translation>&amp;Utiliser dans…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Let other MCP clients (Claude Desktop, VS Code, Cursor…) use this account</source>
        <translation>Permettre à d’autres clients MCP (Claude Desktop, VS Code, Cursor…) d’utiliser ce compte</translation>
    </message>
    <message>
        <location line="+203"/>
        <source>%1 now signs in through %2 (it used to be %3). Nothing of the old sign-in is sent there. Sign in through %2?</source>
        <translation>%1 se connecte désormais via %2 (auparavant %3). Rien de l’ancienne connexion n’y est envoyé. Se connecter via %2 ?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign in through another server?</source>
        <translation>Se connecter via un autre serveur ?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed in to %1</source>
        <translation>Connecté à %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign out?</source>
        <translation>Se déconnecter&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign out of %1? The tokens are revoked at the server and deleted here.</source>
        <translation>Se déconnecter de %1&#xa0;? Les jetons sont révoqués auprès du serveur et supprimés ici.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed out of %1</source>
        <translation>Déconnecté de %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Refreshed %1</source>
        <translation>%1 actualisé</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Could not read the token</source>
        <translation>Impossible de lire le jeton</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Refresh failed</source>
        <translation>Échec de l&apos;actualisation</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Revoked and signed out of %1</source>
        <translation>Jetons révoqués et déconnecté de %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Remove server?</source>
        <translation>Supprimer le serveur&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove %1? Its tokens are revoked at the server and deleted here, with its settings.</source>
        <translation>Supprimer %1&#xa0;? Ses jetons sont révoqués auprès du serveur et supprimés ici, avec ses paramètres.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Removed %1</source>
        <translation>%1 supprimé</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Already added</source>
        <translation>Déjà ajouté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This server is already in the list as %1.</source>
        <translation>Ce serveur figure déjà dans la liste sous le nom %1.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Could not keep the client secret</source>
        <translation>Impossible de conserver le secret client</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Could not save the server</source>
        <translation>Impossible d&apos;enregistrer le serveur</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sign-in diagnostics: %1</source>
        <translation>Diagnostic de connexion&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Mcpa::ServerDialog</name>
    <message>
        <location filename="../src/gui/serverdialog.cpp" line="+45"/>
        <source>Add Server</source>
        <translation>Ajouter un serveur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit Server</source>
        <translation>Modifier le serveur</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Automatic</source>
        <translation>Automatique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None (public client)</source>
        <translation>Aucune (client public)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Secret in the request body (client_secret_post)</source>
        <translation>Secret dans le corps de la requête (client_secret_post)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Secret in the Authorization header (client_secret_basic)</source>
        <translation>Secret dans l&apos;en-tête Authorization (client_secret_basic)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>App default</source>
        <translation>Valeur par défaut de l&apos;application</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A window inside the app</source>
        <translation>Une fenêtre dans l&apos;application</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The system web browser</source>
        <translation>Le navigateur web du système</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add the server</source>
        <translation>Ajouter le serveur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the server</source>
        <translation>Enregistrer le serveur</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Discard the changes</source>
        <translation>Abandonner les modifications</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>Stored in the keychain; leave empty to keep it</source>
        <translation>Stocké dans le trousseau&#xa0;; laissez vide pour le conserver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only for a client that has one</source>
        <translation>Uniquement pour un client qui en possède un</translation>
    </message>
    <message>
        <location line="+52"/>
        <location line="+11"/>
        <source>This is not a complete web address. It should look like https://example.com/mcp.</source>
        <translation>Ce n&apos;est pas une adresse web complète. Elle devrait ressembler à https://example.com/mcp.</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Use an address that starts with https://.</source>
        <translation>Utilisez une adresse qui commence par https://.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave the user name and password out of the address; signing in takes care of that.</source>
        <translation>Retirez le nom d&apos;utilisateur et le mot de passe de l&apos;adresse&#xa0;; la connexion s&apos;en charge.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plain http is only allowed for this computer (loopback). Use https:// for this server.</source>
        <translation>Le http non chiffré n&apos;est autorisé que pour cet ordinateur (loopback). Utilisez https:// pour ce serveur.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>You already have a server with the ID “%1”. Enter a name to tell them apart.</source>
        <translation>Vous avez déjà un serveur avec l&apos;identifiant «&#xa0;%1&#xa0;». Saisissez un nom pour les distinguer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You already have a server with the ID “%1”. Choose a different name.</source>
        <translation>Vous avez déjà un serveur avec l&apos;identifiant «&#xa0;%1&#xa0;». Choisissez un autre nom.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This is not a complete web address. It should look like https://example.com/client.json.</source>
        <translation>Ce n&apos;est pas une adresse web complète. Elle devrait ressembler à https://example.com/client.json.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The client metadata document must be at an https:// address.</source>
        <translation>Le document de métadonnées du client doit se trouver à une adresse https://.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address needs a path, like https://example.com/client.json.</source>
        <translation>L&apos;adresse doit comporter un chemin, comme https://example.com/client.json.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address must not have a # part.</source>
        <translation>L&apos;adresse ne doit pas comporter de partie #.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Shown in the list of servers</source>
        <translation>Affiché dans la liste des serveurs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ID: %1 (for the command line)</source>
        <translation>Identifiant&#xa0;: %1 (pour la ligne de commande)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Hide the advanced settings</source>
        <translation>Masquer les paramètres avancés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the advanced settings</source>
        <translation>Afficher les paramètres avancés</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Checking the server…</source>
        <translation>Vérification du serveur…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Stop</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop checking the server</source>
        <translation>Arrêter la vérification du serveur</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The check was stopped.</source>
        <translation>La vérification a été arrêtée.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No sign-in needed: the server answers without it.</source>
        <translation>Aucune connexion nécessaire&#xa0;: le serveur répond sans.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No sign-in needed: the server (%1) answers without it.</source>
        <translation>Aucune connexion nécessaire&#xa0;: le serveur (%1) répond sans.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Can&apos;t reach the server (%1).</source>
        <translation>Impossible de joindre le serveur (%1).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server answered, but not like an MCP server (%1). Check the URL.</source>
        <translation>Le serveur a répondu, mais pas comme un serveur MCP (%1). Vérifiez l&apos;URL.</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>This server needs sign-in. Looking for its authorization server…</source>
        <translation>Ce serveur nécessite une connexion. Recherche de son serveur d&apos;autorisation…</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>This server needs sign-in.</source>
        <translation>Ce serveur nécessite une connexion.</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>No usable authorization server was found (%1).</source>
        <translation>Aucun serveur d&apos;autorisation utilisable n&apos;a été trouvé (%1).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This server needs sign-in, but signing in to it will not work as it is set up now. The details say why.</source>
        <translation>Ce serveur nécessite une connexion, mais celle-ci ne fonctionnera pas avec la configuration actuelle. Les détails expliquent pourquoi.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Chec&amp;k</source>
        <translation>&amp;Vérifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the server</source>
        <translation>Vérifier le serveur</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Checks whether the server needs sign-in and how the app will sign in.</source>
        <translation>Vérifie si le serveur nécessite une connexion et comment l&apos;application s&apos;y connectera.</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>The app will sign in with the pre-registered client ID entered under Advanced.</source>
        <translation>L&apos;application se connectera avec l&apos;identifiant client préenregistré saisi dans «&#xa0;Avancé&#xa0;».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The app will identify itself with its client ID metadata document.</source>
        <translation>L&apos;application s&apos;identifiera avec son document de métadonnées d&apos;identifiant client.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The app will register itself with the authorization server (dynamic registration).</source>
        <translation>L&apos;application s&apos;enregistrera elle-même auprès du serveur d&apos;autorisation (enregistrement dynamique).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This server needs a client ID — enter one under Advanced. Its administrator can give you one.</source>
        <translation>Ce serveur nécessite un identifiant client — saisissez-le dans «&#xa0;Avancé&#xa0;». Son administrateur peut vous en fournir un.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Authorization server: the server itself (it publishes no sign-in information, so the app uses the standard addresses)</source>
        <translation>Serveur d&apos;autorisation&#xa0;: le serveur lui-même (il ne publie aucune information de connexion, l&apos;application utilise donc les adresses standard)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Authorization server: %1</source>
        <translation>Serveur d&apos;autorisation&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Mcpa::ServerListModel</name>
    <message>
        <location filename="../src/gui/serverlistmodel.cpp" line="+344"/>
        <source>Not checked yet</source>
        <translation>Pas encore vérifié</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>no expiry given</source>
        <translation>aucune expiration indiquée</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>expires in less than a minute</source>
        <translation>expire dans moins d&apos;une minute</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>expires in %n min</source>
        <translation>
            <numerusform>expire dans %n min</numerusform>
            <numerusform>expire dans %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>expires in %n h</source>
        <translation>
            <numerusform>expire dans %n h</numerusform>
            <numerusform>expire dans %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>expires in %n days</source>
        <translation>
            <numerusform>expire dans %n jour</numerusform>
            <numerusform>expire dans %n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>expired %n min ago</source>
        <translation>
            <numerusform>expiré depuis %n min</numerusform>
            <numerusform>expiré depuis %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>expired %n h ago</source>
        <translation>
            <numerusform>expiré depuis %n h</numerusform>
            <numerusform>expiré depuis %n h</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open (no sign-in needed)</source>
        <translation>Ouvert (aucune connexion nécessaire)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed out</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed in (refreshing soon)</source>
        <translation>Connecté (actualisation prochaine)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed in</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signed in (no refresh token)</source>
        <translation>Connecté (pas de jeton d’actualisation)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Working…</source>
        <translation>En cours…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Needs sign-in</source>
        <translation>Connexion requise</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreachable</source>
        <translation>Injoignable</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Last error: %1</source>
        <translation>Dernière erreur&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expires</source>
        <translation>Expiration</translation>
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
        <translation>Langue du système</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save the settings</source>
        <translation>Enregistrer les paramètres</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Discard the changes</source>
        <translation>Abandonner les modifications</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Could not remove %1.</source>
        <translation>Impossible de supprimer %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not create the folder for %1.</source>
        <translation>Impossible de créer le dossier pour %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>Mcpa::SignInDialog</name>
    <message>
        <location filename="../src/gui/signintext.cpp" line="+23"/>
        <source>%1

Details: %2</source>
        <translation>%1

Détails&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../src/signin/signindialog.cpp" line="+48"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel sign-in</source>
        <translation>Annuler la connexion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading the sign-in page…</source>
        <translation>Chargement de la page de connexion…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sign in to %1</source>
        <translation>Se connecter à %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+1"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Sign-in page</source>
        <translation>Page de connexion</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Finishing the sign-in…</source>
        <translation>Finalisation de la connexion…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The page could not be loaded. Check your network connection.</source>
        <translation>La page n&apos;a pas pu être chargée. Vérifiez votre connexion réseau.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Secure</source>
        <translation>Sécurisé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The connection to this site is encrypted (HTTPS).</source>
        <translation>La connexion à ce site est chiffrée (HTTPS).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Local</source>
        <translation>Local</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This page comes from this computer.</source>
        <translation>Cette page provient de cet ordinateur.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not secure</source>
        <translation>Non sécurisé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The connection to this site is not encrypted. Do not enter a password you use elsewhere.</source>
        <translation>La connexion à ce site n&apos;est pas chiffrée. N&apos;y saisissez pas un mot de passe que vous utilisez ailleurs.</translation>
    </message>
    <message>
        <location filename="../src/gui/signintext.cpp" line="+60"/>
        <source>Signed in</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The sign-in worked.</source>
        <translation>La connexion a réussi.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign-in cancelled</source>
        <translation>Connexion annulée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in was cancelled. Sign in again when you are ready.</source>
        <translation>La connexion a été annulée. Reconnectez-vous quand vous le souhaitez.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Access declined</source>
        <translation>Accès refusé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You declined access on the sign-in page. Sign in again if that was a mistake.</source>
        <translation>Vous avez refusé l&apos;accès sur la page de connexion. Reconnectez-vous s&apos;il s&apos;agissait d&apos;une erreur.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign-in timed out</source>
        <translation>Délai de connexion dépassé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in page was not finished in time. Sign in again and complete the page before the time runs out.</source>
        <translation>La page de connexion n&apos;a pas été remplie à temps. Reconnectez-vous et terminez la page avant la fin du délai.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>App registered again</source>
        <translation>Application réenregistrée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server no longer knew MCP Accounts, so it was registered again automatically. There is nothing you need to do.</source>
        <translation>Le serveur ne connaissait plus MCP Accounts, l&apos;application a donc été réenregistrée automatiquement. Vous n&apos;avez rien à faire.</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Server not reachable</source>
        <translation>Serveur injoignable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server could not be reached. Check the server address and your network connection, then try again.</source>
        <translation>Le serveur n&apos;a pas pu être joint. Vérifiez l&apos;adresse du serveur et votre connexion réseau, puis réessayez.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>No answer from the server</source>
        <translation>Pas de réponse du serveur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server did not answer in time. Try again later; if this keeps happening, the server may be down.</source>
        <translation>Le serveur n&apos;a pas répondu à temps. Réessayez plus tard&#xa0;; si cela se reproduit, le serveur est peut-être hors service.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Secure connection failed</source>
        <translation>Échec de la connexion sécurisée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s certificate was not accepted. Check the server address; if it is right, the server&apos;s administrator needs to fix its certificate.</source>
        <translation>Le certificat du serveur n&apos;a pas été accepté. Vérifiez l&apos;adresse du serveur&#xa0;; si elle est correcte, l&apos;administrateur du serveur doit corriger son certificat.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Invalid server address</source>
        <translation>Adresse de serveur non valide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server address is not a valid URL. Correct it in the server&apos;s settings.</source>
        <translation>L&apos;adresse du serveur n&apos;est pas une URL valide. Corrigez-la dans les paramètres du serveur.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Insecure server address</source>
        <translation>Adresse de serveur non sécurisée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MCP Accounts signs in only over HTTPS (or to this computer). Use an https:// address in the server&apos;s settings.</source>
        <translation>MCP Accounts ne se connecte qu&apos;en HTTPS (ou à cet ordinateur). Utilisez une adresse https:// dans les paramètres du serveur.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No sign-in needed</source>
        <translation>Aucune connexion nécessaire</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This server can be used without signing in.</source>
        <translation>Ce serveur peut être utilisé sans connexion.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No sign-in information</source>
        <translation>Aucune information de connexion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server did not say how to sign in to it. Check the server address; the server may not support MCP sign-in.</source>
        <translation>Le serveur n&apos;a pas indiqué comment s&apos;y connecter. Vérifiez l&apos;adresse du serveur&#xa0;; il ne prend peut-être pas en charge la connexion MCP.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Server names another server</source>
        <translation>Le serveur en désigne un autre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s sign-in information is for a different server address, so MCP Accounts did not sign in. Check the address, or tell the server&apos;s administrator.</source>
        <translation>Les informations de connexion du serveur concernent une autre adresse de serveur, MCP Accounts ne s&apos;est donc pas connecté. Vérifiez l&apos;adresse ou prévenez l&apos;administrateur du serveur.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign-in server misconfigured</source>
        <translation>Serveur de connexion mal configuré</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in server&apos;s information names a different sign-in server, so MCP Accounts did not use it. Tell the server&apos;s administrator.</source>
        <translation>Les informations du serveur de connexion désignent un autre serveur de connexion, MCP Accounts ne l&apos;a donc pas utilisé. Prévenez l&apos;administrateur du serveur.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign-in server not supported</source>
        <translation>Serveur de connexion non pris en charge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in server does not support PKCE with S256, which MCP requires for a safe sign-in. Ask the server&apos;s administrator to enable it.</source>
        <translation>Le serveur de connexion ne prend pas en charge PKCE avec S256, que MCP exige pour une connexion sûre. Demandez à l&apos;administrateur du serveur de l&apos;activer.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Client ID needed</source>
        <translation>Identifiant client requis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This server needs a client ID. Enter one in the server&apos;s settings.</source>
        <translation>Ce serveur nécessite un identifiant client. Saisissez-en un dans les paramètres du serveur.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Registration refused</source>
        <translation>Enregistrement refusé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in server did not let MCP Accounts register. Enter a client ID in the server&apos;s settings, or ask the server&apos;s administrator.</source>
        <translation>Le serveur de connexion n&apos;a pas permis à MCP Accounts de s&apos;enregistrer. Saisissez un identifiant client dans les paramètres du serveur ou adressez-vous à l&apos;administrateur du serveur.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Callback port in use</source>
        <translation>Port de rappel occupé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another program uses the port that receives the sign-in answer. Close that program or choose another callback port in the server&apos;s settings.</source>
        <translation>Un autre programme utilise le port qui reçoit la réponse de connexion. Fermez ce programme ou choisissez un autre port de rappel dans les paramètres du serveur.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign-in refused</source>
        <translation>Connexion refusée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in server refused the sign-in. Check the server&apos;s settings (scope, resource) and try again.</source>
        <translation>Le serveur de connexion a refusé la connexion. Vérifiez les paramètres du serveur (portée, ressource) et réessayez.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign-in answer not trusted</source>
        <translation>Réponse de connexion non fiable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in answer did not come from the expected sign-in server, so it was discarded. Sign in again; if this repeats, tell the server&apos;s administrator.</source>
        <translation>La réponse de connexion ne provenait pas du serveur de connexion attendu, elle a donc été ignorée. Reconnectez-vous&#xa0;; si cela se reproduit, prévenez l&apos;administrateur du serveur.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sign in again</source>
        <translation>Se reconnecter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server no longer accepts this sign-in. Sign in again.</source>
        <translation>Le serveur n&apos;accepte plus cette connexion. Reconnectez-vous.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Client not accepted</source>
        <translation>Client non accepté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in server did not accept the client ID or secret. Check them in the server&apos;s settings.</source>
        <translation>Le serveur de connexion n&apos;a pas accepté l&apos;identifiant client ou le secret. Vérifiez-les dans les paramètres du serveur.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign-in not completed</source>
        <translation>Connexion non terminée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in server did not hand out a token. Try again; if this repeats, tell the server&apos;s administrator.</source>
        <translation>Le serveur de connexion n&apos;a délivré aucun jeton. Réessayez&#xa0;; si cela se reproduit, prévenez l&apos;administrateur du serveur.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>More access needed</source>
        <translation>Accès supplémentaire requis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server asks for more access than this sign-in has. Sign in again and allow the requested access.</source>
        <translation>Le serveur demande plus d&apos;accès que cette connexion n&apos;en accorde. Reconnectez-vous et autorisez l&apos;accès demandé.</translation>
    </message>
    <message>
        <location line="-166"/>
        <source>Sign-in failed</source>
        <translation>Échec de la connexion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in did not work. Try again; the server&apos;s sign-in diagnostics show each step.</source>
        <translation>La connexion n&apos;a pas fonctionné. Réessayez&#xa0;; le diagnostic de connexion du serveur montre chaque étape.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>nothing answers at this address</source>
        <translation>rien ne répond à cette adresse</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no answer in time</source>
        <translation>pas de réponse à temps</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>its security certificate was not accepted</source>
        <translation>son certificat de sécurité n&apos;a pas été accepté</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>network error</source>
        <translation>erreur réseau</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>HTTP status %1</source>
        <translation>statut HTTP %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>an HTTP error</source>
        <translation>une erreur HTTP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the answer was too large</source>
        <translation>la réponse était trop volumineuse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the answer was not understood</source>
        <translation>la réponse n&apos;a pas été comprise</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+6"/>
        <source>an address it named is not allowed</source>
        <translation>une adresse qu&apos;il a indiquée n&apos;est pas autorisée</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>it publishes no sign-in information</source>
        <translation>il ne publie aucune information de connexion</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>its sign-in information names a different server</source>
        <translation>ses informations de connexion désignent un autre serveur</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the authorization server&apos;s information names a different issuer</source>
        <translation>les informations du serveur d&apos;autorisation indiquent un autre émetteur</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the authorization server does not support PKCE, which sign-in needs</source>
        <translation>le serveur d&apos;autorisation ne prend pas en charge PKCE, nécessaire à la connexion</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
</context>
<context>
    <name>Mcpa::TokenViewerDialog</name>
    <message>
        <location filename="../src/gui/tokenviewerdialog.cpp" line="+80"/>
        <source>Revoke</source>
        <translation>Révoquer</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Close the token viewer</source>
        <translation>Fermer la visionneuse de jeton</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+98"/>
        <source>Clipboard cleared.</source>
        <translation>Presse-papiers vidé.</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>no expiry given</source>
        <translation>aucune expiration indiquée</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>expires in less than a minute</source>
        <translation>expire dans moins d&apos;une minute</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>expires in %n min</source>
        <translation>
            <numerusform>expire dans %n min</numerusform>
            <numerusform>expire dans %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>expires in %n h</source>
        <translation>
            <numerusform>expire dans %n h</numerusform>
            <numerusform>expire dans %n h</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expires in %1 h %2 min</source>
        <translation>expire dans %1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>expires in %n days</source>
        <translation>
            <numerusform>expire dans %n jour</numerusform>
            <numerusform>expire dans %n jours</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>expired just now</source>
        <translation>vient d&apos;expirer</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>expired %n min ago</source>
        <translation>
            <numerusform>expiré depuis %n min</numerusform>
            <numerusform>expiré depuis %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>expired %n h ago</source>
        <translation>
            <numerusform>expiré depuis %n h</numerusform>
            <numerusform>expiré depuis %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>expired %n days ago</source>
        <translation>
            <numerusform>expiré depuis %n jour</numerusform>
            <numerusform>expiré depuis %n jours</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Token for %1</source>
        <translation>Jeton pour %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No access token</source>
        <translation>Aucun jeton d&apos;accès</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hidden. Press Reveal to show the access token.</source>
        <translation>Masqué. Appuyez sur «&#xa0;Révéler&#xa0;» pour afficher le jeton d&apos;accès.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Hide</source>
        <translation>&amp;Masquer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Reveal</source>
        <translation>&amp;Révéler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide the access token</source>
        <translation>Masquer le jeton d&apos;accès</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reveal the access token</source>
        <translation>Révéler le jeton d&apos;accès</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not stated in the token</source>
        <translation>Non indiquée dans le jeton</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not known (the token is not readable)</source>
        <translation>Inconnue (le jeton n&apos;est pas lisible)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>None stated</source>
        <translation>Aucune indiquée</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Present: the app renews the access token by itself (the refresh token is never shown)</source>
        <translation>Présent&#xa0;: l&apos;application renouvelle elle-même le jeton d&apos;accès (le jeton d&apos;actualisation n&apos;est jamais affiché)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None: sign in again when the access token expires</source>
        <translation>Aucun&#xa0;: reconnectez-vous quand le jeton d&apos;accès expire</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>JWT signed with %1 (not verified)</source>
        <translation>JWT signé avec %1 (non vérifié)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>encrypted JWT (JWE)</source>
        <translation>JWT chiffré (JWE)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>opaque</source>
        <translation>opaque</translation>
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
        <translation>Aucun jeton d&apos;accès.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Encrypted token (JWE): only the server can read its contents, so they cannot be shown.</source>
        <translation>Jeton chiffré (JWE)&#xa0;: seul le serveur peut lire son contenu, il ne peut donc pas être affiché.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The token is too large to be decoded here.</source>
        <translation>Le jeton est trop volumineux pour être décodé ici.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opaque token (the server does not share its contents).</source>
        <translation>Jeton opaque (le serveur ne partage pas son contenu).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not stated by the server</source>
        <translation>Non indiquée par le serveur</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Get a new access token with the refresh token now.</source>
        <translation>Obtenir maintenant un nouveau jeton d&apos;accès avec le jeton d&apos;actualisation.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no refresh token: sign in again to get a new access token.</source>
        <translation>Il n&apos;y a pas de jeton d&apos;actualisation&#xa0;: reconnectez-vous pour obtenir un nouveau jeton d&apos;accès.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ask the server to revoke the tokens, then forget them here.</source>
        <translation>Demander au serveur de révoquer les jetons, puis les oublier ici.</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Copied. The clipboard is cleared in %n s or when this window closes.</source>
        <translation>
            <numerusform>Copié. Le presse-papiers sera vidé dans %n s ou à la fermeture de cette fenêtre.</numerusform>
            <numerusform>Copié. Le presse-papiers sera vidé dans %n s ou à la fermeture de cette fenêtre.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Revoke tokens</source>
        <translation>Révoquer les jetons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke the tokens for %1? The server will no longer accept them, and you will need to sign in again.</source>
        <translation>Révoquer les jetons pour %1&#xa0;? Le serveur ne les acceptera plus et vous devrez vous reconnecter.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Header</source>
        <translation>En-tête</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Claims</source>
        <translation>Revendications</translation>
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
        <translation>Sujet %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not shared by the server</source>
        <translation>Non communiqué par le serveur</translation>
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
        <translation>MCP Accounts&#xa0;: un compte requiert votre attention</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>    Sign in to %1…</source>
        <translation>    Se connecter à %1…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Open MCP Accounts</source>
        <translation>&amp;Ouvrir MCP Accounts</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
</context>
<context>
    <name>Mcpa::UseInMenu</name>
    <message>
        <location filename="../src/gui/useinmenu.cpp" line="+40"/>
        <source>&amp;Use in</source>
        <translation>&amp;Utiliser dans</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Select a server first</source>
        <translation>Sélectionnez d’abord un serveur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mcp-accounts-cli was not found next to the app</source>
        <translation>mcp-accounts-cli est introuvable à côté de l’application</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Not found on this computer</source>
        <translation>Introuvable sur cet ordinateur</translation>
    </message>
    <message>
        <location line="+40"/>
        <location line="+35"/>
        <source>Could not change %1&apos;s settings</source>
        <translation>Impossible de modifier les réglages de %1</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Nothing to change</source>
        <translation>Rien à modifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 already uses %2.</source>
        <translation>%1 utilise déjà %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Use %1 in %2?</source>
        <translation>Utiliser %1 dans %2 ?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop using %1 in %2?</source>
        <translation>Ne plus utiliser %1 dans %2 ?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 will start MCP Accounts for this server, which signs in and refreshes its token. This changes %2 (a backup is kept beside it; the entry it replaces is kept in the keychain):</source>
        <translation>%1 lancera MCP Accounts pour ce serveur, qui se connecte et renouvelle son jeton. Cela modifie %2 (une sauvegarde est gardée à côté ; l’entrée remplacée est conservée dans le trousseau) :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 gets back the entry it had before. This changes %2:</source>
        <translation>%1 retrouve l’entrée qu’il avait avant. Cela modifie %2 :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>
Restart %1 afterwards.</source>
        <translation>
Redémarrez ensuite %1.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 now uses %2; restart it</source>
        <translation>%1 utilise maintenant %2 ; redémarrez-le</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 no longer uses %2; restart it</source>
        <translation>%1 n’utilise plus %2 ; redémarrez-le</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <location filename="../ui/serverdialog.ui" line="+14"/>
        <source>Add Server</source>
        <translation>Ajouter un serveur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server settings</source>
        <translation>Paramètres du serveur</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Server &amp;URL:</source>
        <translation>&amp;URL du serveur&#xa0;:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>https://example.com/mcp</source>
        <translation>https://example.com/mcp</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server URL</source>
        <translation>URL du serveur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The address of the MCP server, starting with https://</source>
        <translation>L&apos;adresse du serveur MCP, commençant par https://</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Problem with the server URL</source>
        <translation>Problème avec l&apos;URL du serveur</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How the server is shown in the list. Empty: the server&apos;s host name.</source>
        <translation>Nom affiché dans la liste. Vide&#xa0;: le nom d&apos;hôte du serveur.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Problem with the name</source>
        <translation>Problème avec le nom</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Server ID</source>
        <translation>Identifiant du serveur</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+3"/>
        <source>Server check</source>
        <translation>Vérification du serveur</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Chec&amp;k</source>
        <translation>&amp;Vérifier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the server</source>
        <translation>Vérifier le serveur</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Checking the server</source>
        <translation>Vérification du serveur en cours</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Details…</source>
        <translation>&amp;Détails…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the steps of the server check</source>
        <translation>Afficher les étapes de la vérification du serveur</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Check result icon</source>
        <translation>Icône du résultat de la vérification</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Check result</source>
        <translation>Résultat de la vérification</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Authorization server</source>
        <translation>Serveur d&apos;autorisation</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>How the app will register</source>
        <translation>Mode d&apos;enregistrement de l&apos;application</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Advanced</source>
        <translation>Avan&amp;cé</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the advanced settings</source>
        <translation>Afficher les paramètres avancés</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Advanced settings</source>
        <translation>Paramètres avancés</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Client &amp;ID:</source>
        <translation>&amp;Identifiant client&#xa0;:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Empty: the app registers itself</source>
        <translation>Vide&#xa0;: l&apos;application s&apos;enregistre elle-même</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pre-registered client ID</source>
        <translation>Identifiant client préenregistré</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Client s&amp;ecret:</source>
        <translation>&amp;Secret client&#xa0;:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Only for a client that has one</source>
        <translation>Uniquement pour un client qui en possède un</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Client secret</source>
        <translation>Secret client</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kept in the system keychain, never in the settings file</source>
        <translation>Conservé dans le trousseau du système, jamais dans le fichier de paramètres</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Au&amp;thentication method:</source>
        <translation>&amp;Méthode d&apos;authentification&#xa0;:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Client authentication method</source>
        <translation>Méthode d&apos;authentification du client</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Client &amp;metadata document:</source>
        <translation>Document de mé&amp;tadonnées du client&#xa0;:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>https://example.com/client.json</source>
        <translation>https://example.com/client.json</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Client ID metadata document URL</source>
        <translation>URL du document de métadonnées d&apos;identifiant client</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Problem with the client metadata document URL</source>
        <translation>Problème avec l&apos;URL du document de métadonnées du client</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sco&amp;pes:</source>
        <translation>&amp;Portées&#xa0;:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Empty: what the server asks for</source>
        <translation>Vide&#xa0;: ce que demande le serveur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scopes to request</source>
        <translation>Portées à demander</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Separated by spaces</source>
        <translation>Séparées par des espaces</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Callback p&amp;ort:</source>
        <translation>P&amp;ort de rappel&#xa0;:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Automatic</source>
        <translation>Automatique</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fixed callback port</source>
        <translation>Port de rappel fixe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only needed when the client was registered with a fixed port</source>
        <translation>Nécessaire uniquement si le client a été enregistré avec un port fixe</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Redirect &amp;host:</source>
        <translation>&amp;Hôte de redirection&#xa0;:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Redirect host</source>
        <translation>Hôte de redirection</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Send &amp;resource indicator</source>
        <translation>Envoyer l&apos;indicateur de &amp;ressource</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Send resource indicator</source>
        <translation>Envoyer l&apos;indicateur de ressource</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tells the authorization server which server the token is for (RFC 8707). Turn it off only if sign-in fails with an &quot;invalid_target&quot; or &quot;invalid resource&quot; error from an older authorization server.</source>
        <translation>Indique au serveur d&apos;autorisation à quel serveur le jeton est destiné (RFC 8707). Ne le désactivez que si la connexion échoue avec une erreur «&#xa0;invalid_target&#xa0;» ou «&#xa0;invalid resource&#xa0;» d&apos;un ancien serveur d&apos;autorisation.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Browser:</source>
        <translation>Navi&amp;gateur&#xa0;:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Browser for sign-in</source>
        <translation>Navigateur pour la connexion</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/settingsdialog.ui" line="+14"/>
        <location line="+3"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign in with</source>
        <translation>Se connecter avec</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The &amp;system web browser (recommended)</source>
        <translation>Le navigateur web du &amp;système (recommandé)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in with the system web browser</source>
        <translation>Se connecter avec le navigateur web du système</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A window &amp;inside the app</source>
        <translation>Une fenêtre &amp;dans l&apos;application</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in with a window inside the app</source>
        <translation>Se connecter avec une fenêtre dans l&apos;application</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Servers can override this in their own settings.</source>
        <translation>Chaque serveur peut modifier ce choix dans ses propres paramètres.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Notify me</source>
        <translation>M&apos;avertir</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>When a server needs me to sign in &amp;again or a refresh failed</source>
        <translation>Quand je dois me reconnecter à un serveur ou qu&apos;une &amp;actualisation a échoué</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notify when a server needs sign-in or a refresh failed</source>
        <translation>Avertir quand un serveur nécessite une connexion ou qu&apos;une actualisation a échoué</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>When a token without a refresh token is about to &amp;expire</source>
        <translation>Quand un jeton sans jeton d&apos;actualisation va bientôt e&amp;xpirer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notify when a token without a refresh token is about to expire</source>
        <translation>Avertir quand un jeton sans jeton d&apos;actualisation va bientôt expirer</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>When a token was re&amp;freshed</source>
        <translation>Quand un jeton a été a&amp;ctualisé</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notify when a token was refreshed</source>
        <translation>Avertir quand un jeton a été actualisé</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Start and close</source>
        <translation>Démarrage et fermeture</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Start at &amp;login</source>
        <translation>Démarrer à l&apos;&amp;ouverture de session</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start at login</source>
        <translation>Démarrer à l&apos;ouverture de session</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start &amp;minimized to the tray</source>
        <translation>Démarrer &amp;réduit dans la zone de notification</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start minimized to the tray</source>
        <translation>Démarrer réduit dans la zone de notification</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Keep running in the &amp;tray when the window is closed</source>
        <translation>Continuer dans la zone de no&amp;tification à la fermeture de la fenêtre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep running in the tray when the window is closed</source>
        <translation>Continuer dans la zone de notification à la fermeture de la fenêtre</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start at login error</source>
        <translation>Erreur du démarrage automatique</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+16"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Lan&amp;guage:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>A new language takes effect when the app starts again.</source>
        <translation>Une nouvelle langue prend effet au prochain démarrage de l&apos;application.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../ui/signindialog.ui" line="+9"/>
        <source>Sign In</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+96"/>
        <source>Sign-in page</source>
        <translation>Page de connexion</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Connection security</source>
        <translation>Sécurité de la connexion</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Page address</source>
        <translation>Adresse de la page</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The site that shows the sign-in page</source>
        <translation>Le site qui affiche la page de connexion</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Page loading progress</source>
        <translation>Progression du chargement de la page</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sign-in problem</source>
        <translation>Problème de connexion</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>What to do next</source>
        <translation>Que faire ensuite</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Sign-in status</source>
        <translation>État de la connexion</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel sign-in</source>
        <translation>Annuler la connexion</translation>
    </message>
</context>
<context>
    <name>TokenViewerDialog</name>
    <message>
        <location filename="../ui/tokenviewerdialog.ui" line="+9"/>
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Token viewer</source>
        <translation>Visionneuse de jeton</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+6"/>
        <source>Access token</source>
        <translation>Jeton d&apos;accès</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Reveal</source>
        <translation>&amp;Révéler</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reveal the access token</source>
        <translation>Révéler le jeton d&apos;accès</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy the access token</source>
        <translation>Copier le jeton d&apos;accès</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Clipboard status</source>
        <translation>État du presse-papiers</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Signed in as:</source>
        <translation>Connecté en tant que&#xa0;:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Signed in as</source>
        <translation>Connecté en tant que</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Issuer:</source>
        <translation>Émetteur&#xa0;:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Issuer</source>
        <translation>Émetteur</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Audience:</source>
        <translation>Audience&#xa0;:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Audience</source>
        <translation>Audience</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Scopes:</source>
        <translation>Portées&#xa0;:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Scopes</source>
        <translation>Portées</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Expires:</source>
        <translation>Expiration&#xa0;:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Expires at</source>
        <translation>Expire le</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Time until expiry</source>
        <translation>Temps avant expiration</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Refresh token:</source>
        <translation>Jeton d&apos;actualisation&#xa0;:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refresh token</source>
        <translation>Jeton d&apos;actualisation</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Type:</source>
        <translation>Type&#xa0;:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Token type</source>
        <translation>Type de jeton</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Contents</source>
        <translation>Contenu</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Decoded, not verified: this is what the token says about itself. The app does not check its signature.</source>
        <translation>Décodé, non vérifié&#xa0;: voici ce que le jeton dit de lui-même. L&apos;application ne vérifie pas sa signature.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Decoded, not verified</source>
        <translation>Décodé, non vérifié</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Decoded header and claims, not verified</source>
        <translation>En-tête et revendications décodés, non vérifiés</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Token contents</source>
        <translation>Contenu du jeton</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Working…</source>
        <translation>En cours…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Re&amp;fresh now</source>
        <translation>Ac&amp;tualiser maintenant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh the access token now</source>
        <translation>Actualiser le jeton d&apos;accès maintenant</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Re&amp;voke…</source>
        <translation>Ré&amp;voquer…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoke the tokens and sign out</source>
        <translation>Révoquer les jetons et se déconnecter</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../src/app/main.cpp" line="+62"/>
        <source>Signs in to MCP servers and keeps their tokens fresh.</source>
        <translation>Se connecte aux serveurs MCP et garde leurs jetons à jour.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add this MCP server URL to the list, if it is not there yet (repeatable).</source>
        <translation>Ajouter cette URL de serveur MCP à la liste si elle n&apos;y figure pas encore (répétable).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Start in the tray, without the window.</source>
        <translation>Démarrer dans la zone de notification, sans la fenêtre.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quit right after the first paint of the main window.</source>
        <translation>Quitter juste après le premier affichage de la fenêtre principale.</translation>
    </message>
</context>
</TS>
