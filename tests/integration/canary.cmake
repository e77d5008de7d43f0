# S1 (issue 9): a canary token through the profile path and the console's services, every log
# verbosity on, then a search of every file written. QCoreApplication only.
dreamops_add_test(NAME dreamops_canary_integration_tests
    TIMEOUT 90
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/canary_test.cpp
    LIBS dreamops_testmain_core DreamOps::services GTest::gtest Qt6::Test)
