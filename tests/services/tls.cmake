# TLS, redirects and HTTP/2 (issue 9 part 2, rows N15-N18): the client against dreamnet-sim
# serving certificates that the tests make with openssl, a TLS redirecting server, and a scan of
# the sources for TLS errors ignored wholesale.
find_package(ZLIB REQUIRED)
dreamops_add_test(NAME dreamops_tls_services_tests
    TIMEOUT 90
    SOURCES
        faultserver.h faultserver.cpp
        tlscertificates.h tlscertificates.cpp tlstestbase.h
        tlsredirectserver.h tlsredirectserver.cpp
        tls_test.cpp
        tlsredirect_test.cpp
    LIBS dreamops_testmain_core DreamOps::services Qt6::Network Qt6::Test GTest::gtest ZLIB::ZLIB)
target_compile_definitions(dreamops_tls_services_tests
    PRIVATE DREAMOPS_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
            DREAMOPS_SIM_BIN="$<TARGET_FILE:dreamnet-sim>")
