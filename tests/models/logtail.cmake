# Log tail (issue 5, helper "logview"): parser + sanitiser (incl. a short F2 fuzz run), store,
# table and filter models, filter worker, the backlog loader (a file source's existing lines
# indexed, then followed). QCoreApplication only.
dreamops_add_test(NAME dreamops_logtail_models_tests
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/logline_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/logstore_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/logfileindex_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/logmodels_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/logbacklog_test.cpp
    LIBS dreamops_testmain_core DreamOps::models DreamOps::services Qt6::Test GTest::gtest)
