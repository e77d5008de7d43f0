# Feature "actions": the action journal (D1 kill -9 child included) and the controller end to end
# against a real simulator and the test-owned FaultServer (N8-N11, U2, U3).
add_executable(dreamops_journalchild ${CMAKE_CURRENT_LIST_DIR}/journalchild.cpp)
target_link_libraries(dreamops_journalchild PRIVATE DreamOps::services DreamOps::options)

dreamops_add_test(NAME dreamops_actions_services_tests
    TIMEOUT 120
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/faultserver.h ${CMAKE_CURRENT_LIST_DIR}/faultserver.cpp
        ${CMAKE_CURRENT_LIST_DIR}/actionjournal_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/actionjournalkill_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/actioncontroller_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/actionfault_test.cpp
    LIBS DreamOps::services dreamops_testmain_core GTest::gtest Qt6::Test ZLIB::ZLIB)
target_compile_definitions(dreamops_actions_services_tests PRIVATE
    DREAMOPS_JOURNAL_CHILD="$<TARGET_FILE:dreamops_journalchild>")
add_dependencies(dreamops_actions_services_tests dreamops_journalchild)
