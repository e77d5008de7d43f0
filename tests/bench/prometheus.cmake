# PROM: a 24-hour query_range at 15 s step into the store, against the raw fetch of the same
# queries, on a prometheus whose storage promtool filled with 24 h of generated OpenMetrics.
add_executable(dreamops_prombench prombench.cpp benchreport.h
    ${PROJECT_SOURCE_DIR}/tests/services/prometheusharness.h
    ${PROJECT_SOURCE_DIR}/tests/services/prometheusharness.cpp)
target_include_directories(dreamops_prombench PRIVATE ${PROJECT_SOURCE_DIR}/tests/services)
target_link_libraries(dreamops_prombench PRIVATE
    DreamOps::services DreamOps::resources Qt6::Network DreamOps::options)
