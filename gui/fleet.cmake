# Fleet metrics in the window (issue 9, item 3): the dashboard's metrics source selector and the
# fleet's instances line.
target_sources(dreamops_gui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/fleetbar.h ${CMAKE_CURRENT_LIST_DIR}/fleetbar.cpp
)
