# Runbooks as data and the wizard engine (issue 8): the runbook model, its parser/validator and
# library, the check evaluator, the stored progress and RunbookRun (QtWidgets-free).
target_sources(dreamops_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/runbook.h ${CMAKE_CURRENT_LIST_DIR}/runbook.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runbookevidence.h
    ${CMAKE_CURRENT_LIST_DIR}/runbookpath.h ${CMAKE_CURRENT_LIST_DIR}/runbookpath.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runbookparser.h ${CMAKE_CURRENT_LIST_DIR}/runbookparser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runbooklibrary.h ${CMAKE_CURRENT_LIST_DIR}/runbooklibrary.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runbookchecker.h ${CMAKE_CURRENT_LIST_DIR}/runbookchecker.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runbookprogress.h ${CMAKE_CURRENT_LIST_DIR}/runbookprogress.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runbookrun.h ${CMAKE_CURRENT_LIST_DIR}/runbookrun.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runbookrunsteps.cpp
)
