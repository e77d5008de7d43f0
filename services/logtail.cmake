# Log tail (issue 5): sources (tail -F of a file, cloud CLIs) and their merge. The parser,
# store and view parts add themselves in logtail-view.cmake.
target_sources(dreamops_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/logsource.h ${CMAKE_CURRENT_LIST_DIR}/logsource.cpp
    ${CMAKE_CURRENT_LIST_DIR}/logfilesource.h ${CMAKE_CURRENT_LIST_DIR}/logfilesource.cpp
    ${CMAKE_CURRENT_LIST_DIR}/logcommandsource.h ${CMAKE_CURRENT_LIST_DIR}/logcommandsource.cpp
    ${CMAKE_CURRENT_LIST_DIR}/logmux.h ${CMAKE_CURRENT_LIST_DIR}/logmux.cpp
)
include(${CMAKE_CURRENT_LIST_DIR}/logtail-view.cmake OPTIONAL)
