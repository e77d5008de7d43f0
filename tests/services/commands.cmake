# Pre-baked commands (issue 7): validation, catalogue, argv building, the runner against the fake
# gcloud/aws of tests/fakes/commands (rows C1-C5, S2).
dreamops_add_test(NAME dreamops_commands_services_tests
    TIMEOUT 120
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/../fakes/commands/fakecli.h
        ${CMAKE_CURRENT_LIST_DIR}/../fakes/commands/fakecli.cpp
        ${CMAKE_CURRENT_LIST_DIR}/commandvalidator_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/commandcatalogue_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/commandrunner_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/commandrunnerchaos_test.cpp
    LIBS dreamops_testmain_core DreamOps::services DreamOps::resources Qt6::Test GTest::gtest)
target_include_directories(dreamops_commands_services_tests PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/../fakes/commands)
target_compile_definitions(dreamops_commands_services_tests PRIVATE
    DREAMOPS_COMMAND_FAKES="${PROJECT_SOURCE_DIR}/tests/fakes/commands")
