# Operator controls (issue 4): ControlsPoller against a real simulator over loopback.
dreamops_add_test(NAME dreamops_controls_services_tests
    TIMEOUT 120
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/clienttestutil.h
        ${CMAKE_CURRENT_LIST_DIR}/controlspoller_test.cpp
    LIBS dreamops_testmain_core DreamOps::services Qt6::Network Qt6::Test GTest::gtest)
