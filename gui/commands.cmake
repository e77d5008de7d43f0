# Pre-baked commands page (issue 7): the form, its parameter fields and the output view.
target_sources(dreamops_gui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/commandform.h ${CMAKE_CURRENT_LIST_DIR}/commandform.cpp
    ${CMAKE_CURRENT_LIST_DIR}/commandparamseditor.h ${CMAKE_CURRENT_LIST_DIR}/commandparamseditor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/commandoutputview.h ${CMAKE_CURRENT_LIST_DIR}/commandoutputview.cpp
)
