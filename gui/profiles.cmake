# Environment profiles in the window (issue 9, item 1): the switcher, the add/edit dialog and
# the production frame and title.
target_sources(dreamops_gui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/profileswitcher.h ${CMAKE_CURRENT_LIST_DIR}/profileswitcher.cpp
    ${CMAKE_CURRENT_LIST_DIR}/profiledialog.h ${CMAKE_CURRENT_LIST_DIR}/profiledialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/profileframe.h ${CMAKE_CURRENT_LIST_DIR}/profileframe.cpp
)
