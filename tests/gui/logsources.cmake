# Adding and removing log sources on the log page (issue 5, helper "logsources"): the dialog with
# the fake gcloud and aws of tests/fakes first on PATH, a local file that appears later, removal.
dreamops_add_test(NAME dreamops_logsources_gui_tests
    TIMEOUT 120
    SOURCES
        ${CMAKE_CURRENT_SOURCE_DIR}/../common/testmain.cpp
        ${CMAKE_CURRENT_LIST_DIR}/logsources_test.cpp
    LIBS DreamOps::gui dreamops_testmain_core GTest::gtest Qt6::Test)
target_compile_definitions(dreamops_logsources_gui_tests PRIVATE DREAMOPS_TEST_GUI
    DREAMOPS_FAKES_DIR="${PROJECT_SOURCE_DIR}/tests/fakes")
target_include_directories(dreamops_logsources_gui_tests PRIVATE ${PROJECT_SOURCE_DIR}/tests/fakes)
