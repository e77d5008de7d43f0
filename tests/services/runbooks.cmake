# Feature "runbooks" (issue 8): runbook validation and the library, the engine's rules, and the
# four runbooks driven through the engine against the simulator with their scenario injected.
dreamops_add_test(NAME dreamops_runbooks_services_tests
    TIMEOUT 120
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/runbooktestutil.h
        ${CMAKE_CURRENT_LIST_DIR}/runbooklibrary_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/runbookrun_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/runbookscenario_test.cpp
    LIBS dreamops_testmain_core DreamOps::services DreamOps::resources Qt6::Test GTest::gtest)
