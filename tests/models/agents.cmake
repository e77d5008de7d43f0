# Feature "agents": the agents table and dead-letter models under QAbstractItemModelTester.
dreamops_add_test(NAME dreamops_agents_models_tests
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/agenttablemodel_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/deadlettermodels_test.cpp
    LIBS dreamops_testmain_core DreamOps::models Qt6::Test GTest::gtest)
