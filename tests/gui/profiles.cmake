# Environment profiles in the window (issue 9): the switcher, the production frame and title,
# and the add/edit dialog.
dreamops_add_test(NAME dreamops_profiles_gui_tests
    TIMEOUT 60
    SOURCES
        ${CMAKE_CURRENT_SOURCE_DIR}/../common/testmain.cpp
        ${CMAKE_CURRENT_LIST_DIR}/profileswitcher_test.cpp
    LIBS DreamOps::gui dreamops_testmain_core GTest::gtest Qt6::Test)
target_compile_definitions(dreamops_profiles_gui_tests PRIVATE DREAMOPS_TEST_GUI)
