# Feature "agents": the agents and dead-letter pages and the replay progress against a real
# simulator, through a real ActionController and ControlsPoller.
dreamops_add_test(NAME dreamops_agents_gui_tests
    TIMEOUT 180
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/../common/testmain.cpp
        ${CMAKE_CURRENT_LIST_DIR}/agentsfixture.h
        ${CMAKE_CURRENT_LIST_DIR}/agentsfixture.cpp
        ${CMAKE_CURRENT_LIST_DIR}/reviewshot.h
        ${CMAKE_CURRENT_LIST_DIR}/agents_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/deadletter_test.cpp
    LIBS DreamOps::gui dreamops_testmain_core GTest::gtest Qt6::Test)
target_compile_definitions(dreamops_agents_gui_tests PRIVATE DREAMOPS_TEST_GUI)
