# Feature "incident": the timeline model (QAbstractItemModelTester) and the write-up PDF (which
# needs fonts, hence a QGuiApplication: the GUI test main).
dreamops_add_test(NAME dreamops_incident_models_tests
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/timelinemodel_test.cpp
    LIBS dreamops_testmain_core DreamOps::models DreamOps::resources Qt6::Test GTest::gtest)
dreamops_add_test(NAME dreamops_incident_pdf_tests
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/../common/testmain.cpp
            ${CMAKE_CURRENT_LIST_DIR}/timelinewriteuppdf_test.cpp
    LIBS DreamOps::models DreamOps::resources Qt6::Widgets GTest::gtest)
target_compile_definitions(dreamops_incident_pdf_tests PRIVATE DREAMOPS_TEST_GUI)
