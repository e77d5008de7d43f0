# Dashboard store (issue 3): per-agent queue depth in the SignalStore.
dreamops_add_test(NAME dreamops_dashboard_services_tests
    SOURCES signalstoreagents_test.cpp
    LIBS dreamops_testmain_core DreamOps::services GTest::gtest)
