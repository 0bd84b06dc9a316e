# Fails when BINARY links Qt Gui, Widgets or WebEngine (the core must stay headless).
execute_process(COMMAND ldd ${BINARY} OUTPUT_VARIABLE libs RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT libs MATCHES "libQt6Core")
    message(FATAL_ERROR "could not list the libraries of ${BINARY}")
endif()
if(libs MATCHES "libQt6(Gui|Widgets|WebEngine)")
    message(FATAL_ERROR "${BINARY} links a GUI library:\n${libs}")
endif()
message(STATUS "${BINARY} links no GUI library")
