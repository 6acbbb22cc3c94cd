#include "core/playback/fetch_failure.h"

#include <nlohmann/json.hpp>

namespace fc::playback {
namespace {

// The server's error envelope: {"error": {"code": "..."}}; empty when the body is something else.
std::string errorCode(std::string_view body) {
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (!json.is_object() || !json.contains("error") || !json["error"].is_object())
        return {};
    const auto& code = json["error"]["code"];
    return code.is_string() ? code.get<std::string>() : std::string();
}

bool isUrlChar(char c) {
    return c > ' ' && c != '"' && c != '\'' && c != '<' && c != '>';
}

} // namespace

Error httpFailure(int status, std::string_view body) {
    std::string code(kHttpError);
    if (status == 403)
        code = errorCode(body) == kUrlExpired ? kUrlExpired : kAccessRefused;
    else if (status == 404 || status == 410)
        code = kNotAvailable;
    return makeError(std::move(code), "HTTP " + std::to_string(status));
}

bool isExpiredUrl(const Error& error) {
    return error.code == kUrlExpired;
}

bool isPermanent(const Error& error) {
    return error.code == kUrlExpired || error.code == kAccessRefused || error.code == kNotAvailable;
}

std::string describeFailure(const Error& error) {
    if (error.code == kUrlExpired)
        return "the playback link has expired";
    if (error.code == kAccessRefused)
        return "the server refused access to the video (HTTP 403)";
    if (error.code == kNotAvailable)
        return "the video is no longer available";
    return withoutUrls(error.message);
}

std::string withoutUrls(std::string_view text) {
    std::string out;
    size_t at = 0;
    while (at < text.size()) {
        const size_t found = std::min(text.find("http://", at), text.find("https://", at));
        if (found == std::string_view::npos) {
            out += text.substr(at);
            break;
        }
        out += text.substr(at, found - at);
        size_t end = found;
        while (end < text.size() && isUrlChar(text[end]))
            ++end;
        while (end > found && std::string_view(".,:;)").find(text[end - 1]) != std::string_view::npos)
            --end; // sentence punctuation after the URL stays
        std::string_view url = text.substr(found, end - found);
        url = url.substr(0, url.find_first_of("?#"));
        const size_t slash = url.rfind('/');
        out += slash == std::string_view::npos || slash + 1 == url.size() ? "…" : url.substr(slash + 1);
        at = end;
    }
    return out;
}

} // namespace fc::playback
