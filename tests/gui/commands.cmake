# Pre-baked commands page (issue 7): the rollback drill end to end with the fake gcloud, inline
# validation, the missing-CLI notice and the confirmation.
dreamops_add_test(NAME dreamops_commands_gui_tests
    TIMEOUT 120
    SOURCES
        ${CMAKE_CURRENT_SOURCE_DIR}/../common/testmain.cpp
        ${CMAKE_CURRENT_LIST_DIR}/../fakes/commands/fakecli.h
        ${CMAKE_CURRENT_LIST_DIR}/../fakes/commands/fakecli.cpp
        ${CMAKE_CURRENT_LIST_DIR}/commandform_test.cpp
    LIBS DreamOps::gui dreamops_testmain_core GTest::gtest Qt6::Test)
target_compile_definitions(dreamops_commands_gui_tests PRIVATE DREAMOPS_TEST_GUI
    DREAMOPS_COMMAND_FAKES="${PROJECT_SOURCE_DIR}/tests/fakes/commands")
target_include_directories(dreamops_commands_gui_tests PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/../fakes/commands)
