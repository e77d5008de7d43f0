# Adding and removing log sources on the log page (issue 5, helper "logsources").
target_sources(dreamops_gui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/addlogsourcedialog.h ${CMAKE_CURRENT_LIST_DIR}/addlogsourcedialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/logsourcecontrols.h ${CMAKE_CURRENT_LIST_DIR}/logsourcecontrols.cpp
    ${CMAKE_CURRENT_LIST_DIR}/logsourcerequest.h ${CMAKE_CURRENT_LIST_DIR}/logsourcerequest.cpp)
