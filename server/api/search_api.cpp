// Search and suggestions (docs/API.md §17): parameters and JSON here, the work in discovery::SearchService.
#include "server/api/routes.h"

#include <charconv>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/util/base64.h"
#include "core/util/time.h"
#include "server/api/account_json.h"
#include "server/api/handler_support.h"
#include "server/api/text_rules.h"
#include "server/api/video_json.h"
#include "server/discovery/search_service.h"
#include "server/http/request_context.h"

namespace fc::server::api {
namespace {

using discovery::SearchRequest;
using discovery::SearchSort;
using discovery::SearchType;

constexpr size_t kMaxQueryChars = 200;
constexpr size_t kMaxSuggestChars = 100;
constexpr int kDefaultSuggestions = 8;
constexpr int kMaxSuggestions = 20;
constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kDayMs = 24 * 60 * kMinuteMs;
constexpr const char* kCursorPrefix = "search:";

// Line breaks and tabs (a pasted query) become spaces; other control characters are refused by the check.
std::string flattenQuery(std::string text) {
    for (char& c : text)
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
    const size_t begin = text.find_first_not_of(' ');
    if (begin == std::string::npos)
        return {};
    return text.substr(begin, text.find_last_not_of(' ') - begin + 1);
}

std::optional<int> parseWhole(std::string_view text) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

// The opaque cursor is the offset of the next page: base64url("search:<offset>").
std::string encodeCursor(size_t offset) {
    return base64Encode(kCursorPrefix + std::to_string(offset), Base64Alphabet::Url, Base64Padding::Without);
}

std::optional<size_t> decodeCursor(std::string_view cursor) {
    const auto text = base64Decode(cursor);
    if (!text || text->rfind(kCursorPrefix, 0) != 0)
        return std::nullopt;
    const auto offset =
        parseWhole(std::string_view(*text).substr(std::char_traits<char>::length(kCursorPrefix)));
    if (!offset || *offset <= 0 || static_cast<size_t>(*offset) >= discovery::kMaxSearchDepth)
        return std::nullopt;
    return static_cast<size_t>(*offset);
}

// A parameter that must be one of a few words (absent or empty: the default).
template <class T>
std::optional<HttpResponse> readChoice(const HttpRequest& request, const char* name,
                                       std::initializer_list<std::pair<const char*, T>> choices, T& out) {
    const auto value = request.queryParam(name);
    if (!value || value->empty())
        return std::nullopt;
    for (const auto& [word, choice] : choices)
        if (*value == word) {
            out = choice;
            return std::nullopt;
        }
    std::string names;
    for (const auto& choice : choices)
        names += std::string(names.empty() ? "" : ", ") + choice.first;
    return invalidField(std::string(name) + " must be one of " + names);
}

std::optional<HttpResponse> readFilters(const HttpRequest& request, discovery::VideoFilters& filters) {
    enum class Duration { Any = 0, Short, Medium, Long };
    Duration duration = Duration::Any;
    if (auto bad = readChoice<Duration>(
            request, "duration",
            {{"short", Duration::Short}, {"medium", Duration::Medium}, {"long", Duration::Long}}, duration))
        return bad;
    constexpr int64_t kFourMinutes = 4 * kMinuteMs;
    constexpr int64_t kTwentyMinutes = 20 * kMinuteMs;
    if (duration == Duration::Short)
        filters.max_duration_ms = kFourMinutes - 1;
    if (duration == Duration::Medium) {
        filters.min_duration_ms = kFourMinutes;
        filters.max_duration_ms = kTwentyMinutes;
    }
    if (duration == Duration::Long)
        filters.min_duration_ms = kTwentyMinutes + 1;

    int64_t uploaded_within_ms = 0;
    if (auto bad = readChoice<int64_t>(request, "uploaded",
                                       {{"hour", 60 * kMinuteMs},
                                        {"day", kDayMs},
                                        {"week", 7 * kDayMs},
                                        {"month", 30 * kDayMs},
                                        {"year", 365 * kDayMs}},
                                       uploaded_within_ms))
        return bad;
    if (uploaded_within_ms > 0)
        filters.published_after_ms = unixMillisNow() - uploaded_within_ms;

    if (auto category = request.queryParam("category"); category && !category->empty()) {
        if (auto message = checkSingleLineText("category", *category, 1, 100))
            return invalidField(*message);
        filters.category = *category;
    }
    return std::nullopt;
}

std::variant<SearchRequest, HttpResponse> readSearchRequest(const HttpRequest& request) {
    SearchRequest search;
    const auto q = request.queryParam("q");
    if (!q)
        return invalidField("q is required");
    search.q = flattenQuery(*q);
    if (auto message = checkSingleLineText("q", search.q, 1, kMaxQueryChars))
        return invalidField(*message);
    if (auto bad = readChoice<SearchType>(
            request, "type", {{"video", SearchType::Video}, {"channel", SearchType::Channel}}, search.type))
        return std::move(*bad);
    if (auto bad = readChoice<SearchSort>(request, "sort",
                                          {{"relevance", SearchSort::Relevance},
                                           {"date", SearchSort::Date},
                                           {"views", SearchSort::Views},
                                           {"rating", SearchSort::Rating}},
                                          search.sort))
        return std::move(*bad);
    if (auto bad = readFilters(request, search.filters))
        return std::move(*bad);
    auto page = readPageRequest(request);
    if (auto* response = std::get_if<HttpResponse>(&page))
        return std::move(*response);
    const auto& paging = std::get<PageRequest>(page);
    search.limit = static_cast<size_t>(paging.limit);
    if (paging.cursor) {
        const auto offset = decodeCursor(*paging.cursor);
        if (!offset)
            return errorResponse(400, "invalid_cursor", "cursor is not one this server handed out");
        search.offset = *offset;
    }
    return search;
}

nlohmann::json resultJson(const discovery::SearchResult& result, const std::optional<std::string>& viewer) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& hit : result.videos)
        items.push_back(
            {{"kind", "video"},
             {"video", videoToJson(hit.video, viewer)},
             {"score", hit.score},
             {"highlights", {{"title", hit.highlights.primary}, {"description", hit.highlights.secondary}}}});
    for (const auto& hit : result.channels)
        items.push_back(
            {{"kind", "channel"},
             {"channel", channelToJson(hit.channel)},
             {"score", hit.score},
             {"highlights", {{"name", hit.highlights.primary}, {"description", hit.highlights.secondary}}}});
    nlohmann::json body = listPageJson(
        std::move(items),
        result.next_offset ? std::optional<std::string>(encodeCursor(*result.next_offset)) : std::nullopt);
    body["corrected_query"] =
        result.corrected_query ? nlohmann::json(*result.corrected_query) : nlohmann::json(nullptr);
    body["estimated_total"] = result.estimated_total;
    return body;
}

std::string searcherOf(const RequestContext& context) {
    return context.user ? "u:" + context.user->id : "a:" + context.request.remote_ip;
}

HttpResponse search(RequestContext& context) {
    auto parsed = readSearchRequest(context.request);
    if (auto* response = std::get_if<HttpResponse>(&parsed))
        return std::move(*response);
    const SearchRequest& request = std::get<SearchRequest>(parsed);
    auto result = context.server.search.search(request);
    if (!result)
        return storeFailure(result.error());
    if (request.offset == 0 && !result->searched.empty())
        context.server.search.logSearch(
            {result->searched, result->estimated_total, searcherOf(context), unixMillisNow()});
    return HttpResponse::json(200, resultJson(*result, viewerId(context)));
}

HttpResponse suggest(RequestContext& context) {
    const std::string q = flattenQuery(context.request.queryParam("q").value_or(""));
    if (auto message = checkSingleLineText("q", q, 0, kMaxSuggestChars))
        return invalidField(*message);
    int limit = kDefaultSuggestions;
    if (auto text = context.request.queryParam("limit")) {
        const auto parsed = parseWhole(*text);
        if (!parsed || *parsed < 1 || *parsed > kMaxSuggestions)
            return invalidField("limit must be a whole number from 1 to 20");
        limit = *parsed;
    }
    nlohmann::json suggestions = nlohmann::json::array();
    for (const auto& suggestion : context.server.search.suggest(q, static_cast<size_t>(limit)))
        suggestions.push_back({{"text", suggestion.text}, {"kind", suggestion.kind}});
    return HttpResponse::json(200, {{"suggestions", std::move(suggestions)}});
}

} // namespace

void registerSearchRoutes(Router& router, ServerContext&) {
    const RouteOptions options{.group = "search", .auth = AuthPolicy::Optional};
    router.add(Method::Get, "/api/v1/search", search, options);
    router.add(Method::Get, "/api/v1/search/suggest", suggest, options);
}

} // namespace fc::server::api
