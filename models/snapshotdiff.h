#pragma once

#include <QList>

// Compares a polled list with the one a table model shows, so the model can update with the
// least disturbance: the same items in the same order (the usual poll) give the rows whose
// content changed, for a dataChanged over exactly those rows; anything else asks for a reset.
// Used by the models that present polled lists (gates, breakers, flags, agents).
namespace SnapshotDiff {

struct Changes
{
    bool reset = false;
    QList<int> changedRows;
};

template<typename T, typename SameItem, typename SameContent>
Changes
compare(const QList<T> &shown, const QList<T> &next, SameItem sameItem, SameContent sameContent)
{
    Changes changes;
    changes.reset = shown.size() != next.size();
    for (qsizetype i = 0; !changes.reset && i < shown.size(); ++i) {
        if (!sameItem(shown.at(i), next.at(i)))
            changes.reset = true;
        else if (!sameContent(shown.at(i), next.at(i)))
            changes.changedRows.append(int(i));
    }
    if (changes.reset)
        changes.changedRows.clear();
    return changes;
}

} // namespace SnapshotDiff
