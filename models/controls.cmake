# Operator controls (issue 4): the integration flags table.
target_sources(dreamops_models PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/flagtablemodel.h
    ${CMAKE_CURRENT_LIST_DIR}/flagtablemodel.cpp
)
