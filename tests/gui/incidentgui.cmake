# Feature "incidentgui": the incident page, write-up editor, SLA clock bar, resolve confirmation
# and incident export/import over a store in a temporary folder with a fake clock; and the
# error-spike drill through a MainWindow on an embedded simulator.
dreamops_add_test(NAME dreamops_incidentgui_gui_tests
    TIMEOUT 120
    SOURCES
        ${CMAKE_CURRENT_LIST_DIR}/../common/testmain.cpp
        ${CMAKE_CURRENT_LIST_DIR}/incidentpagerig.h
        ${CMAKE_CURRENT_LIST_DIR}/reviewshot.h
        ${CMAKE_CURRENT_LIST_DIR}/incidentpage_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/incidentsla_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/incidentwriteup_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/incidentresolve_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/incidenttransfer_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/incidentdrillwindow_test.cpp
        ${CMAKE_CURRENT_LIST_DIR}/../services/incidentdrill.h
    LIBS DreamOps::gui dreamops_testmain_core GTest::gtest Qt6::Test)
target_compile_definitions(dreamops_incidentgui_gui_tests PRIVATE DREAMOPS_TEST_GUI
    DREAMOPS_INCIDENT_DATA="${CMAKE_CURRENT_LIST_DIR}/../data/incident")
# Reuses the services tests' store harness (IncidentTest::Harness, FakeClock).
target_include_directories(dreamops_incidentgui_gui_tests PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/../services)
