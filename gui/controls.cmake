# Operator controls (issue 4): mode hotkeys and banner, the flags page. The outcome line under
# the controls is the agents feature's ActionOutcomeRow.
target_sources(dreamops_gui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/modebanner.h ${CMAKE_CURRENT_LIST_DIR}/modebanner.cpp
    ${CMAKE_CURRENT_LIST_DIR}/modeactions.h ${CMAKE_CURRENT_LIST_DIR}/modeactions.cpp
    ${CMAKE_CURRENT_LIST_DIR}/flagspage.h ${CMAKE_CURRENT_LIST_DIR}/flagspage.cpp
)
