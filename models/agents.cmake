# Feature "agents": the agents table and the dead-letter queue's models.
target_sources(dreamops_models PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/agenttablemodel.h ${CMAKE_CURRENT_LIST_DIR}/agenttablemodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/deadletterrecordmodel.h ${CMAKE_CURRENT_LIST_DIR}/deadletterrecordmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/deadletterbreakdownmodel.h ${CMAKE_CURRENT_LIST_DIR}/deadletterbreakdownmodel.cpp
)
