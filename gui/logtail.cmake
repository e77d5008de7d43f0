# The log page and its parts (helper "logview").
target_sources(dreamops_gui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/logpage.h ${CMAKE_CURRENT_LIST_DIR}/logpage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/logview.h ${CMAKE_CURRENT_LIST_DIR}/logview.cpp
    ${CMAKE_CURRENT_LIST_DIR}/logviewdelegate.h ${CMAKE_CURRENT_LIST_DIR}/logviewdelegate.cpp
    ${CMAKE_CURRENT_LIST_DIR}/logviewfilterbar.h ${CMAKE_CURRENT_LIST_DIR}/logviewfilterbar.cpp
    ${CMAKE_CURRENT_LIST_DIR}/logviewsourcelist.h ${CMAKE_CURRENT_LIST_DIR}/logviewsourcelist.cpp)
