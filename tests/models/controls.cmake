# Operator controls (issue 4): FlagTableModel under QAbstractItemModelTester.
dreamops_add_test(NAME dreamops_controls_models_tests
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/flagtablemodel_test.cpp
    LIBS dreamops_testmain_core DreamOps::models Qt6::Test GTest::gtest)
