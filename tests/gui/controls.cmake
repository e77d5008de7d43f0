# Operator controls (issue 4): the flags page, the mode hotkeys and banner on a real simulator.
dreamops_add_test(NAME dreamops_controls_gui_tests
    TIMEOUT 120
    SOURCES
        ${CMAKE_CURRENT_SOURCE_DIR}/../common/testmain.cpp
        ${CMAKE_CURRENT_LIST_DIR}/controls_test.h
        ${CMAKE_CURRENT_LIST_DIR}/controlsflags_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/controlsmodes_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/controlsscreenshots_test.cpp
    LIBS DreamOps::gui dreamops_testmain_core GTest::gtest Qt6::Test)
target_compile_definitions(dreamops_controls_gui_tests PRIVATE DREAMOPS_TEST_GUI)
