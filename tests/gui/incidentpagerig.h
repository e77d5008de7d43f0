#pragma once

#include "incidentpage.h"
#include "incidenttestutil.h"
#include "timecursor.h"

// An incident page over a store in a temporary folder with a fake clock, and its time cursor.
namespace IncidentTest {

struct PageRig
{
    Harness h;
    TimeCursor cursor;
    IncidentPage page {h.store.get(), &cursor};
};

} // namespace IncidentTest
