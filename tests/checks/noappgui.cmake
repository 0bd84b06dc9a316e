# Fails when BINARY (the sign-in helper) holds code of the app's GUI library
# mcpaccounts_gui: its windows, dialogs, models, tray or the embedded sign-in's
# proxy. The helper links only mcpaccounts_guitext (SignInText, the translator).
if(NOT NM)
    set(NM nm)
endif()
execute_process(COMMAND ${NM} -C --defined-only ${BINARY}
    OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT symbols MATCHES "Mcpa::SignInDialog::"
   OR NOT symbols MATCHES "Mcpa::SignInText::")
    message(FATAL_ERROR "could not list the symbols of ${BINARY}")
endif()
set(app_classes
    MainWindow ServerListModel TrayIcon SingleInstance AppController EmbeddedSignIn
    BrowserWaitDialog TokenViewerDialog SettingsDialog ServerDialog DiagnosticsDialog
    ImportDialog)
list(JOIN app_classes "|" pattern)
string(REGEX MATCHALL "[^\n]*Mcpa::(${pattern})::[^\n]*" found "${symbols}")
if(found)
    list(JOIN found "\n" found)
    message(FATAL_ERROR "${BINARY} holds code of the app's GUI library:\n${found}")
endif()
message(STATUS "${BINARY} holds no code of the app's GUI library")
