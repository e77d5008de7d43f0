# The log tail's store, models and filter engine (helper "logview").
target_sources(dreamops_models PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/logstore.h ${CMAKE_CURRENT_LIST_DIR}/logstore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/logfileindex.h ${CMAKE_CURRENT_LIST_DIR}/logfileindex.cpp
    ${CMAKE_CURRENT_LIST_DIR}/logbacklogloader.h ${CMAKE_CURRENT_LIST_DIR}/logbacklogloader.cpp
    ${CMAKE_CURRENT_LIST_DIR}/logtablemodel.h ${CMAKE_CURRENT_LIST_DIR}/logtablemodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/logfilter.h ${CMAKE_CURRENT_LIST_DIR}/logfilter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/logfilterworker.h ${CMAKE_CURRENT_LIST_DIR}/logfilterworker.cpp
    ${CMAKE_CURRENT_LIST_DIR}/logfiltermodel.h ${CMAKE_CURRENT_LIST_DIR}/logfiltermodel.cpp)
