#pragma once
// Temporal train/test splits of an interaction log: the model only ever learns from the past of what it is
// asked to predict.
#include <vector>

#include "server/discovery/recs/rec_types.h"

namespace fc::server::discovery::recs {

enum class SplitKind {
    PerUser, // each user's last test_fraction of interactions (by time; ties by item) are test
    Global,  // everything at or after the time that leaves test_fraction of all interactions on its right is
             // test
};

struct TemporalSplit {
    std::vector<Interaction> train;
    std::vector<std::vector<Interaction>> test_by_user; // by UserIndex, oldest first
};

// Per user, floor(n x test_fraction) interactions go to test (a user with fewer than 1 / test_fraction has
// none).
TemporalSplit temporalSplit(const std::vector<Interaction>& interactions, double test_fraction = 0.2,
                            SplitKind kind = SplitKind::PerUser);

} // namespace fc::server::discovery::recs
