# Log tail (issue 5, helper "logview"): the log page offscreen, incl. row F2 and a live
# simulator's server.log followed through LogFileSource and LogMux, a file's backlog indexed.
dreamops_add_test(NAME dreamops_logtail_gui_tests
    SOURCES
        ${CMAKE_CURRENT_SOURCE_DIR}/../common/testmain.cpp
        ${CMAKE_CURRENT_LIST_DIR}/logpage_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/loglive_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/logbacklog_test.cpp
    LIBS DreamOps::gui dreamops_testmain_core GTest::gtest Qt6::Test)
target_compile_definitions(dreamops_logtail_gui_tests PRIVATE DREAMOPS_TEST_GUI)
