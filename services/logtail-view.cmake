# The log line parser and display sanitiser (helper "logview"); included by logtail.cmake.
target_sources(dreamops_services PRIVATE ${CMAKE_CURRENT_LIST_DIR}/logline.cpp)
