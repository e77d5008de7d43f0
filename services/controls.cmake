# Operator controls (issue 4): the poller of flags, agents and the dead-letter queue.
target_sources(dreamops_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/controlspoller.h
    ${CMAKE_CURRENT_LIST_DIR}/controlspoller.cpp
)
