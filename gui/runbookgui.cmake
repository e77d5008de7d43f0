# Feature "runbookgui": the runbook wizard page (issue 8) over the runbook engine (services/
# runbook*): header with picker and suggestion, step list, step panel, evidence view.
target_sources(dreamops_gui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/runbookevidenceview.h ${CMAKE_CURRENT_LIST_DIR}/runbookevidenceview.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runbookheader.h ${CMAKE_CURRENT_LIST_DIR}/runbookheader.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runbooksteppanel.h ${CMAKE_CURRENT_LIST_DIR}/runbooksteppanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runbookstepstyle.h ${CMAKE_CURRENT_LIST_DIR}/runbookstepstyle.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runbookwizard.h ${CMAKE_CURRENT_LIST_DIR}/runbookwizard.cpp
)
