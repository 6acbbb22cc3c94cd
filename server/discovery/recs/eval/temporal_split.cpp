#include "server/discovery/recs/eval/temporal_split.h"

#include <algorithm>
#include <cmath>

namespace fc::server::discovery::recs {

TemporalSplit temporalSplit(const std::vector<Interaction>& interactions, double test_fraction,
                            SplitKind kind) {
    const auto older = [](const Interaction& a, const Interaction& b) {
        return a.at_ms != b.at_ms ? a.at_ms < b.at_ms : a.item < b.item;
    };
    UserIndex users = 0;
    for (const auto& i : interactions)
        users = std::max<UserIndex>(users, i.user + 1);
    std::vector<std::vector<Interaction>> by_user(users);
    for (const auto& i : interactions)
        by_user[i.user].push_back(i);

    TemporalSplit split;
    split.test_by_user.resize(users);
    if (kind == SplitKind::Global) {
        std::vector<int64_t> times;
        times.reserve(interactions.size());
        for (const auto& i : interactions)
            times.push_back(i.at_ms);
        int64_t cut = INT64_MAX;
        const size_t test = size_t(std::floor(double(times.size()) * test_fraction));
        if (test > 0) {
            std::nth_element(times.begin(), times.end() - test, times.end());
            cut = *(times.end() - test);
        }
        for (auto& list : by_user) {
            std::sort(list.begin(), list.end(), older);
            for (const auto& i : list)
                (i.at_ms >= cut ? split.test_by_user[i.user] : split.train).push_back(i);
        }
        return split;
    }
    for (auto& list : by_user) {
        std::sort(list.begin(), list.end(), older);
        const size_t test = size_t(std::floor(double(list.size()) * test_fraction + 1e-9));
        const size_t train = list.size() - test;
        split.train.insert(split.train.end(), list.begin(), list.begin() + ptrdiff_t(train));
        if (test > 0)
            split.test_by_user[list.front().user].assign(list.begin() + ptrdiff_t(train), list.end());
    }
    return split;
}

} // namespace fc::server::discovery::recs
