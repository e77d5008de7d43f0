# Feature "runbookgui": the runbook wizard driven with QTest on the real widgets against a fast
# simulator, for each of the four scenarios, plus skip, resume, the banner's suggestion, declare.
dreamops_add_test(NAME dreamops_runbookgui_gui_tests
    TIMEOUT 240
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/../common/testmain.cpp
        ${CMAKE_CURRENT_LIST_DIR}/../fakes/commands/fakecli.h
        ${CMAKE_CURRENT_LIST_DIR}/../fakes/commands/fakecli.cpp
        ${CMAKE_CURRENT_LIST_DIR}/agentsfixture.h
        ${CMAKE_CURRENT_LIST_DIR}/agentsfixture.cpp
        ${CMAKE_CURRENT_LIST_DIR}/reviewshot.h
        ${CMAKE_CURRENT_LIST_DIR}/runbookwizardrig.h
        ${CMAKE_CURRENT_LIST_DIR}/runbookwizardrig.cpp
        ${CMAKE_CURRENT_LIST_DIR}/runbookwizard_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/runbookscenarios_test.cpp
    LIBS DreamOps::gui dreamops_testmain_core GTest::gtest Qt6::Test)
target_compile_definitions(dreamops_runbookgui_gui_tests PRIVATE DREAMOPS_TEST_GUI
    DREAMOPS_COMMAND_FAKES="${PROJECT_SOURCE_DIR}/tests/fakes/commands")
target_include_directories(dreamops_runbookgui_gui_tests PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/../fakes/commands)
