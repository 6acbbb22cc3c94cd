#pragma once
// Who may see a video: the one rule every read path uses (API, realtime topics, delivery).
#include <optional>
#include <string>
#include <string_view>

namespace fc::server {

enum class Visibility { Invalid = 0, Public, Unlisted, Private };

std::optional<Visibility> parseVisibility(std::string_view text);
std::string_view visibilityName(Visibility visibility);

// Public and unlisted: anyone who has the id. Private: the owner alone (others are told "not found").
bool mayView(Visibility visibility, std::string_view owner_id, const std::optional<std::string>& viewer_id);
// Listed in feeds, channel pages and search: public only.
inline bool isListed(Visibility visibility) {
    return visibility == Visibility::Public;
}

} // namespace fc::server
