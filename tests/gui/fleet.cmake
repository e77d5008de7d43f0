# Fleet metrics in the window (issue 9, item 3): the resolver's Prometheus settings, the
# instances line, and the dashboard fed by a real prometheus scraping three simulators (skipped
# with the reason when /usr/bin/prometheus is absent), and a refused Prometheus certificate said
# on the fleet bar.
dreamops_add_test(NAME dreamops_fleet_gui_tests
    TIMEOUT 120
    SOURCES
        ${CMAKE_CURRENT_SOURCE_DIR}/../common/testmain.cpp
        ${CMAKE_CURRENT_SOURCE_DIR}/../services/prometheusharness.h
        ${CMAKE_CURRENT_SOURCE_DIR}/../services/prometheusharness.cpp
        ${CMAKE_CURRENT_SOURCE_DIR}/../services/tlscertificates.h
        ${CMAKE_CURRENT_SOURCE_DIR}/../services/tlscertificates.cpp
        fleet_test.cpp
    LIBS DreamOps::gui dreamops_testmain_core DreamOps::services Qt6::Network Qt6::Test
         GTest::gtest)
target_compile_definitions(dreamops_fleet_gui_tests PRIVATE DREAMOPS_TEST_GUI)
target_include_directories(dreamops_fleet_gui_tests PRIVATE
    ${CMAKE_CURRENT_SOURCE_DIR}/../services)
