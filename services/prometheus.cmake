# Fleet metrics from Prometheus (issue 9, item 3): the Prometheus HTTP API client, its parser, the
# PromQL templates per signal and the source that fills a SignalStore from them.
target_sources(dreamops_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/prometheuserror.h ${CMAKE_CURRENT_LIST_DIR}/prometheuserror.cpp
    ${CMAKE_CURRENT_LIST_DIR}/prometheusdata.h
    ${CMAKE_CURRENT_LIST_DIR}/prometheusparser.h ${CMAKE_CURRENT_LIST_DIR}/prometheusparser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/prometheusclient.h ${CMAKE_CURRENT_LIST_DIR}/prometheusclient.cpp
    ${CMAKE_CURRENT_LIST_DIR}/prometheustemplates.h
    ${CMAKE_CURRENT_LIST_DIR}/prometheustemplates.cpp
    ${CMAKE_CURRENT_LIST_DIR}/fleetstorewriter.h ${CMAKE_CURRENT_LIST_DIR}/fleetstorewriter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/fleetmetricssource.h ${CMAKE_CURRENT_LIST_DIR}/fleetmetricssource.cpp
)
