# Feature "agents": the agents and dead-letter pages, their dialog fields, the status-bar replay
# progress and the outcome row next to the action buttons.
target_sources(dreamops_gui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/actionoutcomerow.h ${CMAKE_CURRENT_LIST_DIR}/actionoutcomerow.cpp
    ${CMAKE_CURRENT_LIST_DIR}/agentspage.h ${CMAKE_CURRENT_LIST_DIR}/agentspage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/quarantinefields.h ${CMAKE_CURRENT_LIST_DIR}/quarantinefields.cpp
    ${CMAKE_CURRENT_LIST_DIR}/deadletterpage.h ${CMAKE_CURRENT_LIST_DIR}/deadletterpage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/deadlettersummarybox.h ${CMAKE_CURRENT_LIST_DIR}/deadlettersummarybox.cpp
    ${CMAKE_CURRENT_LIST_DIR}/replayfields.h ${CMAKE_CURRENT_LIST_DIR}/replayfields.cpp
    ${CMAKE_CURRENT_LIST_DIR}/replayprogress.h ${CMAKE_CURRENT_LIST_DIR}/replayprogress.cpp
)
