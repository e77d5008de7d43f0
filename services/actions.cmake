# Feature "actions": the action journal and the controller every operator action goes through.
target_sources(dreamops_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/actionjournal.h ${CMAKE_CURRENT_LIST_DIR}/actionjournal.cpp
    ${CMAKE_CURRENT_LIST_DIR}/actionjournalrow.h ${CMAKE_CURRENT_LIST_DIR}/actionjournalrow.cpp
    ${CMAKE_CURRENT_LIST_DIR}/actioncontroller.h ${CMAKE_CURRENT_LIST_DIR}/actioncontroller.cpp
    ${CMAKE_CURRENT_LIST_DIR}/actionrequest.cpp
    ${CMAKE_CURRENT_LIST_DIR}/actionanswer.h ${CMAKE_CURRENT_LIST_DIR}/actionanswer.cpp
    ${CMAKE_CURRENT_LIST_DIR}/actionfailure.h ${CMAKE_CURRENT_LIST_DIR}/actionfailure.cpp
)
