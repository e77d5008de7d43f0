# Log sources (issue 5): tail -F of files, the cloud CLIs (fake gcloud and aws from tests/fakes
# first on PATH), and their merge by timestamp.
dreamops_add_test(NAME dreamops_logtail_services_tests
    TIMEOUT 60
    SOURCES
        ${PROJECT_SOURCE_DIR}/tests/fakes/logcollector.h
        logfilesource_test.cpp
        logcommandsource_test.cpp
        logmux_test.cpp
        logsimtail_test.cpp
    LIBS dreamops_testmain_core DreamOps::services Qt6::Test GTest::gtest)
target_include_directories(dreamops_logtail_services_tests PRIVATE ${PROJECT_SOURCE_DIR}/tests/fakes)
target_compile_definitions(dreamops_logtail_services_tests PRIVATE
    DREAMOPS_FAKES_DIR="${PROJECT_SOURCE_DIR}/tests/fakes")
