# Settings every target of the project gets: strict Qt defines, warnings,
# -Werror in CI, optional sanitizers. Target-scoped only; nothing global.

function(mcpa_configure_target target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_CAST_TO_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_NO_CAST_FROM_BYTEARRAY
        QT_USE_QSTRINGBUILDER
        QT_NO_KEYWORDS
        QT_NO_FOREACH
        QT_NO_CONTEXTLESS_CONNECT
        QT_STRICT_ITERATORS
        MCPA_VERSION="${PROJECT_VERSION}")
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wpedantic -Wold-style-cast -Wnon-virtual-dtor
        -Woverloaded-virtual -Wzero-as-null-pointer-constant)
    if(MCPA_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    if(MCPA_SANITIZE)
        target_compile_options(${target} PRIVATE
            -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
endfunction()
