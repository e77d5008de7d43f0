# Feature "incidentgui": the incident page (list, timeline, write-up), its declare dialog and the
# SLA clock bar for the status bar.
target_sources(dreamops_gui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/declareincidentdialog.h ${CMAKE_CURRENT_LIST_DIR}/declareincidentdialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/incidentfiletransfer.h ${CMAKE_CURRENT_LIST_DIR}/incidentfiletransfer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/incidentpage.h ${CMAKE_CURRENT_LIST_DIR}/incidentpage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/slaclockbar.h ${CMAKE_CURRENT_LIST_DIR}/slaclockbar.cpp
    ${CMAKE_CURRENT_LIST_DIR}/timelineview.h ${CMAKE_CURRENT_LIST_DIR}/timelineview.cpp
    ${CMAKE_CURRENT_LIST_DIR}/writeupeditor.h ${CMAKE_CURRENT_LIST_DIR}/writeupeditor.cpp
)
