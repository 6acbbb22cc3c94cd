#pragma once
// Interaction logs for the offline evaluation: `user item weight timestamp` lines (whitespace-separated, ids
// are any strings, '#' starts a comment line), mapped to the model's dense indexes, and the optional item
// file
// (`item<TAB>title<TAB>category<TAB>tags[<TAB>channel[<TAB>published]]`, tags comma-separated) for the
// content signal.
//
// Timestamps are Unix time in seconds or milliseconds: values below 10^11 are taken as seconds (10^11 s is
// the year 5138) and kept as milliseconds.
#include <iosfwd>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/util/result.h"
#include "server/discovery/recs/rec_types.h"

namespace fc::server::discovery::recs {

struct InteractionLog {
    std::vector<std::string> user_ids; // by UserIndex
    std::vector<std::string>
        item_ids; // by ItemIndex: the catalogue (every item of the log and the item file)
    std::unordered_map<std::string, UserIndex> user_index;
    std::unordered_map<std::string, ItemIndex> item_index;
    std::vector<Interaction> interactions; // in file order

    UserIndex userFor(const std::string& id);
    ItemIndex itemFor(const std::string& id);
};

// Item features by ItemIndex (catalogue order), with `known` telling which ones the item file described.
struct ItemCatalogue {
    std::vector<ItemFeatures> features;
    std::vector<bool> known;
    bool has_published_at = false; // the file gave publication times
};

int64_t timestampToMs(int64_t value);

Result<InteractionLog> readLog(std::istream& in);
Result<InteractionLog> readLogFile(const std::string& path);
void writeLog(const InteractionLog& log, std::ostream& out);

// Reads the item file, adding unknown item ids to the log's catalogue. Channels are named by strings and get
// dense indexes in order of appearance (an item without a channel is on a channel of its own).
Result<ItemCatalogue> readItemsFile(const std::string& path, InteractionLog& log);
void writeItems(const InteractionLog& log, const ItemCatalogue& items, std::ostream& out);

} // namespace fc::server::discovery::recs
