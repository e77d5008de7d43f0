# Log tail benchmarks (issue 5). P6 and P7: our file follower against `tail -F` on the same file.
add_executable(dreamops_tailbench tailbench.cpp benchreport.h)
target_link_libraries(dreamops_tailbench PRIVATE DreamOps::services DreamOps::options)
include(${CMAKE_CURRENT_LIST_DIR}/logtail-view.cmake OPTIONAL)
