# Feature "incident": the timeline and incident list models and the write-up's PDF printer (QtGui).
target_sources(dreamops_models PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/timelinemodel.h ${CMAKE_CURRENT_LIST_DIR}/timelinemodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/incidentlistmodel.h ${CMAKE_CURRENT_LIST_DIR}/incidentlistmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/writeuppdf.h ${CMAKE_CURRENT_LIST_DIR}/writeuppdf.cpp
)
