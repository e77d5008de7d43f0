# Feature "incident": the incident store, SLA clocks, write-up and export (D1-D5 with a child
# process) and the error-spike drill against the simulator.
add_executable(dreamops_incidentchild ${CMAKE_CURRENT_LIST_DIR}/incidentchild.cpp)
target_link_libraries(dreamops_incidentchild PRIVATE DreamOps::services DreamOps::resources DreamOps::options)

dreamops_add_test(NAME dreamops_incident_services_tests
    TIMEOUT 120
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/incidenttestutil.h
        ${CMAKE_CURRENT_LIST_DIR}/incidentsla_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/incidentstore_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/incidentwriteup_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/incidentfault_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/incidentdrill_test.cpp
    LIBS DreamOps::services DreamOps::resources dreamops_testmain_core GTest::gtest Qt6::Test)
target_compile_definitions(dreamops_incident_services_tests PRIVATE
    DREAMOPS_INCIDENT_CHILD="$<TARGET_FILE:dreamops_incidentchild>"
    DREAMOPS_INCIDENT_DATA="${CMAKE_CURRENT_LIST_DIR}/../data/incident")
add_dependencies(dreamops_incident_services_tests dreamops_incidentchild)
