# Dashboard charts (issue 3): the emulation of QtCharts' aliased line raster that lets
# M4Decimator keep exactly the samples a chart's pixels need (P11).
target_sources(dreamops_services PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/aliasedline.h ${CMAKE_CURRENT_LIST_DIR}/aliasedline.cpp
)
