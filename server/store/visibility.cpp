#include "server/store/visibility.h"

namespace fc::server {

std::optional<Visibility> parseVisibility(std::string_view text) {
    if (text == "public")
        return Visibility::Public;
    if (text == "unlisted")
        return Visibility::Unlisted;
    if (text == "private")
        return Visibility::Private;
    return std::nullopt;
}

std::string_view visibilityName(Visibility visibility) {
    switch (visibility) {
    case Visibility::Public:
        return "public";
    case Visibility::Unlisted:
        return "unlisted";
    case Visibility::Private:
        return "private";
    case Visibility::Invalid:
        break;
    }
    return "invalid";
}

bool mayView(Visibility visibility, std::string_view owner_id, const std::optional<std::string>& viewer_id) {
    if (visibility == Visibility::Public || visibility == Visibility::Unlisted)
        return true;
    return viewer_id && *viewer_id == owner_id;
}

} // namespace fc::server
