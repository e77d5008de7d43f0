# Log view benchmarks P1-P5, P16, P17 (helper "logview"); included by logtail.cmake.
add_executable(dreamops_logbench
    ${CMAKE_CURRENT_LIST_DIR}/logbench.cpp ${CMAKE_CURRENT_LIST_DIR}/logsoak.cpp
    ${CMAKE_CURRENT_LIST_DIR}/benchreport.h)
target_link_libraries(dreamops_logbench PRIVATE DreamOps::gui DreamOps::options)
