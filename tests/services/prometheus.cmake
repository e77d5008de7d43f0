# Fleet metrics from Prometheus (issue 9, item 3): parser and templates without a socket, the
# client against FaultServer, and the source against a real prometheus scraping three simulators
# (skipped with the reason when /usr/bin/prometheus is absent), and the client over TLS (N17)
# against a prometheus serving a test certificate and asking for credentials.
dreamops_add_test(NAME dreamops_prometheus_services_tests
    TIMEOUT 90
    SOURCES
        faultserver.h faultserver.cpp
        prometheusharness.h prometheusharness.cpp
        prometheusparser_test.cpp
        prometheussource_test.cpp
        prometheusclient_test.cpp
        prometheusfleet_test.cpp
        tlscertificates.h tlscertificates.cpp tlstestbase.h
        prometheustls_test.cpp
    LIBS dreamops_testmain_core DreamOps::services DreamOps::resources Qt6::Network Qt6::Test
         GTest::gtest ZLIB::ZLIB)
