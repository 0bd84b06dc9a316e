# Fails when BINARY links QtWebEngine (the app runs the embedded sign-in in
# the helper mcp-accounts-signin; only the helper may link it).
execute_process(COMMAND ldd ${BINARY} OUTPUT_VARIABLE libs RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT libs MATCHES "libQt6Widgets")
    message(FATAL_ERROR "could not list the libraries of ${BINARY}")
endif()
if(libs MATCHES "libQt6WebEngine")
    message(FATAL_ERROR "${BINARY} links QtWebEngine:\n${libs}")
endif()
message(STATUS "${BINARY} links no QtWebEngine library")
